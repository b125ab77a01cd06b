package app.sarafan.redemption;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import app.sarafan.common.time.AppClock;
import app.sarafan.ledger.Ledger;
import app.sarafan.ledger.Source;
import app.sarafan.ledger.SourceType;
import app.sarafan.ledger.TransactionKind;
import app.sarafan.ledger.TransactionView;
import app.sarafan.withdrawal.WithdrawableBonuses;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Bonuses spent on an order come back as new lots (RETURN), one per lot they had been taken from: with that lot's
 * expiry while it has not passed, otherwise with a grace lifetime from now; and with that lot's origin, so they are
 * as withdrawable as before. A partial return gives back the lots taken last first (those that live longest), and
 * later returns continue where the earlier ones stopped.
 */
@ApplicationScoped
public class SpentBonusReturns {

    private final Ledger ledger;
    private final WithdrawableBonuses origins;
    private final AppClock clock;
    private final RedemptionConfig config;

    SpentBonusReturns(Ledger ledger, WithdrawableBonuses origins, AppClock clock, RedemptionConfig config) {
        this.ledger = ledger;
        this.origins = origins;
        this.clock = clock;
        this.config = config;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void giveBack(long memberId, String orderId, List<SpentLot> spent, BigDecimal returnedBefore, BigDecimal amount,
            String reason) {
        giveBack(memberId, new Source(SourceType.ORDER, orderId, "shop"), null, spent, returnedBefore, amount, reason);
    }

    /**
     * The same for bonuses spent on something else than an order (a reward): the credits carry {@code source} and
     * name the transaction that spent them ({@code spentBy}, null for none).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void giveBack(long memberId, Source source, Long spentBy, List<SpentLot> spent, BigDecimal returnedBefore,
            BigDecimal amount, String reason) {
        Instant now = clock.now();
        Instant grace = now.plus(Duration.ofDays(config.returnGraceDays()));
        BigDecimal skip = returnedBefore;
        BigDecimal left = amount;
        for (int i = spent.size() - 1; i >= 0 && left.signum() > 0; i--) {
            SpentLot lot = spent.get(i);
            BigDecimal open = lot.amount().subtract(skip).max(BigDecimal.ZERO);
            skip = skip.subtract(lot.amount()).max(BigDecimal.ZERO);
            BigDecimal back = open.min(left);
            if (back.signum() == 0) {
                continue;
            }
            Instant expiresAt = lot.expiresAt() == null || lot.expiresAt().isAfter(now) ? lot.expiresAt() : grace;
            TransactionView credit = ledger.credit(memberId, new Ledger.Credit(TransactionKind.RETURN, back,
                    source, reason, null, expiresAt, app.sarafan.ledger.Provenance.NONE, spentBy));
            origins.recordReturn(Long.parseLong(credit.id()), lot.creditTransactionId());
            left = left.subtract(back);
        }
        if (left.signum() != 0) {
            throw new IllegalStateException(source.type() + " " + source.id() + " spent less than it gives back");
        }
    }
}
