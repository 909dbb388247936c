// Prints what Kafka's own console formatters print for records, to compare toKafkaFormat with them byte for byte.
// Input (stdin): one record per line, "<formatter> <key hex> <value hex or ->", formatter "offsets" or "groupMetadata".
// Output (stdout): one line per record: the formatter's output ("" when it prints nothing), or "!" + the exception.
// Run with a release's jars: java -cp "<kafka libs>/*" KafkaFormatOracle.java
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.MessageFormatter;
import org.apache.kafka.tools.consumer.GroupMetadataMessageFormatter;
import org.apache.kafka.tools.consumer.OffsetsMessageFormatter;

public class KafkaFormatOracle {
    public static void main(String[] args) throws Exception {
        MessageFormatter offsets = new OffsetsMessageFormatter();
        MessageFormatter groups = new GroupMetadataMessageFormatter();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        String line;
        while ((line = in.readLine()) != null) {
            String[] parts = line.split(" ");
            byte[] key = HexFormat.of().parseHex(parts[1]);
            byte[] value = parts[2].equals("-") ? null : HexFormat.of().parseHex(parts[2]);
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            try (PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
                (parts[0].equals("offsets") ? offsets : groups).writeTo(new ConsumerRecord<>("__consumer_offsets", 0, 0L, key, value), capture);
                out.println(buffer.toString(StandardCharsets.UTF_8)); // JSON: no raw newline inside
            } catch (RuntimeException e) {
                out.println("!" + e.getClass().getSimpleName());
            }
        }
        out.flush();
    }
}
