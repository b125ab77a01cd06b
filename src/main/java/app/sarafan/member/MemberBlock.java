package app.sarafan.member;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record MemberBlock(@NotBlank @Size(max = 500) String reason) {
}
