package app.sarafan.common.json;

import java.io.IOException;
import java.math.BigDecimal;

import app.sarafan.common.money.Money;
import app.sarafan.common.money.MoneyText;
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
 * fractional digits ({@code "1250.00"}), read from a JSON string or number as {@link MoneyText} says (the
 * contract's {@code Money}). A number is read from its text, never through a double, so no digit is lost.
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
                boolean number = token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT;
                if (!number && token != JsonToken.VALUE_STRING) {
                    return (BigDecimal) ctxt.handleUnexpectedToken(BigDecimal.class, p);
                }
                String text = p.getText();
                try {
                    return number ? MoneyText.of(p.getDecimalValue()) : MoneyText.parse(text);
                } catch (IllegalArgumentException e) {
                    throw InvalidFormatException.from(p, e.getMessage(), text, BigDecimal.class);
                }
            }
        });
    }
}
