package app.sarafan.cors;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Which web origins may call the member API from a browser (see docs/browsers.md). */
@ConfigMapping(prefix = "sarafan.cors")
public interface CorsConfig {

    /**
     * The shops' frontend origins, {@code scheme://host[:port]} each ({@code https://shop.example}); none by default,
     * so a production service answers no browser of another origin until it is told which.
     */
    Optional<List<String>> origins();

    /** How long a browser may cache a preflight's answer ({@code Access-Control-Max-Age}). */
    @WithDefault("PT10M")
    Duration maxAge();
}
