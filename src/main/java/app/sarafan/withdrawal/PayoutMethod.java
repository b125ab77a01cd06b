package app.sarafan.withdrawal;

/** How the member wants to be paid; the details say where (a card number, an account, a phone, a wallet id). */
public enum PayoutMethod {
    BANK_CARD, BANK_ACCOUNT, PHONE, E_WALLET
}
