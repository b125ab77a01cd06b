package app.sarafan.reconciliation;

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

/** The report of one run, updated after every chunk so that a running check shows how far it got. */
@Entity
@Table(name = "reconciliation")
class Reconciliation extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Enumerated(EnumType.STRING)
    @Column(name = "triggered_by")
    public ReconciliationTrigger trigger;

    @Column(name = "scheduled_for")
    public Instant scheduledFor;

    @Enumerated(EnumType.STRING)
    public ReconciliationStatus status;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @Column(name = "accounts_checked")
    public long accountsChecked;

    @Column(name = "last_account_id")
    public long lastAccountId;

    public int chunks;

    @Column(name = "violation_count")
    public long violationCount;

    public String failure;
}
