package app.sarafan.referral.imports;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One import and its counters. The worker changes it only with guarded SQL updates (see {@link ImportRuns}); this
 * entity creates it and reads it.
 */
@Entity
@Table(name = "member_import")
public class MemberImport extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Enumerated(EnumType.STRING)
    public ImportStatus status;

    @Enumerated(EnumType.STRING)
    public ImportFormat format;

    public int total;
    public int imported;
    public int skipped;
    public int rejected;
    public String failure;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;
}
