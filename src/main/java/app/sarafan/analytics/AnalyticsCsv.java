package app.sarafan.analytics;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import app.sarafan.common.money.Money;

/**
 * The analytics as CSV for spreadsheets: one row per figure ({@code metric,value}), the same names and values as
 * the JSON, nested names joined with a dot; an absent value is an empty cell.
 */
final class AnalyticsCsv {

    static final String MEDIA_TYPE = "text/csv";

    private AnalyticsCsv() {
    }

    static String of(ProgramAnalyticsView a) {
        Map<String, Object> rows = new LinkedHashMap<>();
        rows.put("from", a.from());
        rows.put("to", a.to());
        rows.put("asOf", a.asOf());
        var b = a.bonuses();
        rows.put("bonuses.issued", b.issued());
        rows.put("bonuses.spent", b.spent());
        rows.put("bonuses.expired", b.expired());
        rows.put("bonuses.withdrawn", b.withdrawn());
        rows.put("bonuses.takenBack", b.takenBack());
        rows.put("bonuses.debitedByAdministrators", b.debitedByAdministrators());
        var l = a.liability();
        rows.put("liability.available", l.available());
        rows.put("liability.reserved", l.reserved());
        rows.put("liability.pending", l.pending());
        rows.put("liability.total", l.total());
        rows.put("liability.expiringWithin30Days", l.expiringWithin30Days());
        rows.put("liability.expiringWithin90Days", l.expiringWithin90Days());
        var r = a.referrals();
        rows.put("referrals.newPayingCustomers", r.newPayingCustomers());
        rows.put("referrals.newPayingReferred", r.newPayingReferred());
        rows.put("referrals.referredShare", r.referredShare());
        rows.put("referrals.activeReferrersLast30Days", r.activeReferrersLast30Days());
        rows.put("referrals.referralIncentives", r.referralIncentives());
        rows.put("referrals.costPerReferredCustomer", r.costPerReferredCustomer());
        var w = a.rewards();
        rows.put("rewards.redeemed", w.redeemed());
        rows.put("rewards.bonusesSpent", w.bonusesSpent());
        rows.put("rewards.cancelled", w.cancelled());
        rows.put("rewards.bonusesReturned", w.bonusesReturned());
        StringBuilder csv = new StringBuilder("metric,value\r\n");
        rows.forEach((metric, value) -> csv.append(metric).append(',').append(cell(value)).append("\r\n"));
        return csv.toString();
    }

    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        return value instanceof BigDecimal amount ? Money.format(amount) : value.toString();
    }
}
