package app.sarafan.referral.site;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A website a member says is theirs: a bare domain name, IDN allowed. */
public record SiteDeclaration(@NotBlank @Size(max = DomainName.MAX_LENGTH) String domain) {
}
