package app.sarafan.common.json;

import java.io.IOException;
import java.math.BigDecimal;

import app.sarafan.common.money.Money;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;

/**
 * Every {@link BigDecimal} of the API is money or a percentage: written as a JSON string with exactly two
 * fractional digits ({@code "1250.00"}), read from such a string or from a JSON number, and refused when it has
 * more than two fractional digits — JavaScript clients would lose precision on numbers.
 */
public final class MoneyJsonModule extends SimpleModule {

    public MoneyJsonModule() {
        super("sarafan-money");
        addSerializer(BigDecimal.class, new JsonSerializer<>() {
            @Override
            public void serialize(BigDecimal value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeString(Money.format(value));
            }
        });
        addDeserializer(BigDecimal.class, new JsonDeserializer<>() {
            @Override
            public BigDecimal deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                JsonToken token = p.currentToken();
                String text;
                if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                    text = p.getText();
                } else if (token == JsonToken.VALUE_STRING) {
                    text = p.getText().trim();
                } else {
                    return (BigDecimal) ctxt.handleUnexpectedToken(BigDecimal.class, p);
                }
                if (!text.matches("-?\\d+(\\.\\d+)?")) {
                    throw InvalidFormatException.from(p, "must be a decimal amount such as \"1250.00\"", text,
                            BigDecimal.class);
                }
                try {
                    return Money.exact(new BigDecimal(text));
                } catch (ArithmeticException e) {
                    throw InvalidFormatException.from(p, "must have at most 2 fractional digits", text, BigDecimal.class);
                }
            }
        });
    }
}
