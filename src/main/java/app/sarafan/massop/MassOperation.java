package app.sarafan.massop;

import java.math.BigDecimal;
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
 * One mass operation and its counters. The worker changes it only with guarded SQL updates (see
 * {@link MassOperationRuns}); this entity creates it and reads it.
 */
@Entity
@Table(name = "mass_operation")
public class MassOperation extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "operation_key")
    public String operationKey;

    @Column(name = "request_hash")
    public String requestHash;

    @Enumerated(EnumType.STRING)
    public MassOperationType type;

    public BigDecimal amount;
    public String reason;

    /** The filter as JSON, or "null" for an explicit list. */
    public String selection;

    @Column(name = "available_from")
    public Instant availableFrom;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Enumerated(EnumType.STRING)
    public MassOperationStatus status;

    public int total;
    public int done;
    public int failed;
    public int skipped;
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
