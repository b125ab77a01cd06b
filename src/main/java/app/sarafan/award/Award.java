package app.sarafan.award;

import java.math.BigDecimal;
import java.time.Instant;

import app.sarafan.rule.RuleDefinition.Metric;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A badge, and the lifetime figure that earns it (none: granted by rules or by hand only). */
@Entity
@Table(name = "award")
public class Award extends PanacheEntityBase {

    @Id
    public String code;

    public String name;
    public String description;

    @Column(name = "image_url")
    public String imageUrl;

    @Enumerated(EnumType.STRING)
    public Metric metric;

    public BigDecimal threshold;
    public boolean active;
    public int version;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
