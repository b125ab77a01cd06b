package app.sarafan.event;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A shop event received once: its id, a hash of its body (to tell a retry from a reuse) and its stored result. */
@Entity
@Table(name = "shop_event")
public class ShopEvent extends PanacheEntityBase {

    @Id
    public String id;

    public String type;

    @Column(name = "member_id")
    public Long memberId;

    @Column(name = "order_id")
    public String orderId;

    @Column(name = "body_hash")
    public String bodyHash;

    @Column(name = "occurred_at")
    public Instant occurredAt;

    @Column(name = "received_at")
    public Instant receivedAt;

    @Column(name = "received_by")
    public String receivedBy;

    /** JSON: the EventResult answered to the event and to every retry. */
    public String result;
}
