package app.sarafan.massop;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.StreamingOutput;

/**
 * The result report of an operation, one line per member in the operation's order, streamed page by page so that
 * 100 000 members never sit in memory: as CSV ({@code externalId,status,reason,detail,transactionId}) or as JSON
 * ({@code {"operation": ..., "items": [...]}}). While the operation runs, members not reached yet are PENDING.
 */
@ApplicationScoped
class MassOperationReport {

    private static final int PAGE = 5_000;

    private final MassOperations operations;
    private final AgroalDataSource db;
    private final ObjectMapper json;

    MassOperationReport(MassOperations operations, AgroalDataSource db, ObjectMapper json) {
        this.operations = operations;
        this.db = db;
        this.json = json;
    }

    StreamingOutput csv(String id) {
        long operationId = Long.parseLong(operations.get(id).id());
        return out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            writer.write("externalId,status,reason,detail,transactionId\r\n");
            forEachLine(operationId, line -> writer.write(String.join(",", quoted(line.externalId()),
                    line.status().name(), line.reason() == null ? "" : line.reason().name(), quoted(line.detail()),
                    line.transactionId() == null ? "" : line.transactionId()) + "\r\n"));
            writer.flush();
        };
    }

    StreamingOutput json(String id) {
        MassOperationView operation = operations.get(id);
        long operationId = Long.parseLong(operation.id());
        return out -> {
            try (JsonGenerator generator = json.getFactory().createGenerator(nonClosing(out))) {
                generator.writeStartObject();
                generator.writeFieldName("operation");
                json.writeValue(generator, operation);
                generator.writeArrayFieldStart("items");
                forEachLine(operationId, line -> json.writeValue(generator, line));
                generator.writeEndArray();
                generator.writeEndObject();
            }
        };
    }

    private interface LineSink {
        void accept(ReportLine line) throws IOException;
    }

    private void forEachLine(long operationId, LineSink sink) throws IOException {
        int after = 0;
        while (true) {
            List<ReportLine> page = new ArrayList<>(PAGE);
            int last = after;
            try (Connection connection = db.getConnection();
                 PreparedStatement select = connection.prepareStatement("""
                         SELECT seq, external_id, status, reason, detail, transaction_id FROM mass_operation_item
                         WHERE operation_id = ? AND seq > ? ORDER BY seq LIMIT ?""")) {
                select.setLong(1, operationId);
                select.setInt(2, after);
                select.setInt(3, PAGE);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        last = rows.getInt(1);
                        String reason = rows.getString(4);
                        Object transaction = rows.getObject(6);
                        page.add(new ReportLine(rows.getString(2), ItemStatus.valueOf(rows.getString(3)),
                                reason == null ? null : ItemReason.valueOf(reason), rows.getString(5),
                                transaction == null ? null : String.valueOf(transaction)));
                    }
                }
            } catch (SQLException e) {
                throw new IOException("Cannot read the report of mass operation " + operationId, e);
            }
            for (ReportLine line : page) {
                sink.accept(line);
            }
            if (page.size() < PAGE) {
                return;
            }
            after = last;
        }
    }

    /** RFC 4180: a value with a comma, quote or line break is quoted, quotes doubled. */
    private static String quoted(String value) {
        if (value == null) {
            return "";
        }
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }

    private static OutputStream nonClosing(OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
