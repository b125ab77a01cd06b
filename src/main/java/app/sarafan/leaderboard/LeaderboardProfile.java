package app.sarafan.leaderboard;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A member's privacy choice for the leaderboard; no row means MASKED. */
@Entity
@Table(name = "leaderboard_profile")
class LeaderboardProfile extends PanacheEntityBase {

    @Id
    @Column(name = "member_id")
    public Long memberId;

    @Enumerated(EnumType.STRING)
    public Visibility visibility;

    @Column(name = "display_name")
    public String displayName;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
