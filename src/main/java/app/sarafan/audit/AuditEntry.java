package app.sarafan.audit;

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

/** One row of the append-only audit log; never updated (a database trigger refuses it). */
@Entity
@Table(name = "audit_entry")
class AuditEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String actor;

    @Enumerated(EnumType.STRING)
    public AuditAction action;

    @Enumerated(EnumType.STRING)
    @Column(name = "entity_type")
    public AuditEntityType entityType;

    @Column(name = "entity_id")
    public String entityId;

    @Column(name = "before_json")
    public String before;

    @Column(name = "after_json")
    public String after;

    @Column(name = "created_at")
    public Instant createdAt;
}
