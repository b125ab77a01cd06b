package app.sarafan.event;

import java.util.List;

import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "sarafan.events")
public interface EventsConfig {

    /**
     * The secrets shops sign events with (Standard Webhooks, {@code whsec_<base64>}); more than one while a secret
     * is being rotated. Generated into the credentials file when not configured.
     */
    List<String> signingSecrets();
}
