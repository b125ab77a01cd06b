package app.sarafan.event;

import java.math.BigDecimal;
import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An order as Sarafan learnt it from the shop's events, in whatever order they came. */
@Entity
@Table(name = "shop_order")
public class ShopOrder extends PanacheEntityBase {

    public enum Status {
        /** Known only from a refund that arrived before anything else. */
        NEW, PLACED, PAID, CANCELLED
    }

    @Id
    @Column(name = "order_id")
    public String orderId;

    @Column(name = "member_id")
    public long memberId;

    @Enumerated(EnumType.STRING)
    public Status status;

    public BigDecimal total;

    @Column(name = "bonuses_applied")
    public BigDecimal bonusesApplied;

    @Column(name = "coupon_code")
    public String couponCode;

    /** JSON: the lines (OrderLines). */
    public String lines;

    @Column(name = "placed_at")
    public Instant placedAt;

    @Column(name = "paid_at")
    public Instant paidAt;

    @Column(name = "cancelled_at")
    public Instant cancelledAt;

    /** The exact cumulative share of the order refunded, 0..1. */
    @Column(name = "refunded_share")
    public BigDecimal refundedShare;

    /** JSON: what was refunded so far (RefundsSoFar). */
    public String refunds;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
