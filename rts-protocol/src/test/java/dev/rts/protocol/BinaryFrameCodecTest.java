package dev.rts.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class BinaryFrameCodecTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void encodesTheHeaderInAsciiFollowedByTheRawBytes() {
        ByteBuffer frame = FrameCodec.encode(4, true, 7, ByteBuffer.wrap(new byte[] {(byte) 0x89, 'P', 'N', 'G'}));

        // The example of docs/PROTOCOL.md: "4|7|" then the bytes.
        assertThat(HEX.formatHex(bytes(frame))).isEqualTo("347c377c89504e47");
    }

    @Test
    void writesTheCallbackFieldOnlyForServicesWithCallbacks() {
        ByteBuffer payload = ByteBuffer.wrap(new byte[] {0, '|', (byte) 0xff});

        assertThat(bytes(FrameCodec.encode(3, false, 0, payload))).containsExactly('3', '|', 0, '|', 0xff);
        assertThat(bytes(FrameCodec.encode(3, true, 0, payload))).containsExactly('3', '|', '|', 0, '|', 0xff);
        assertThat(payload.position()).as("the caller's position is untouched").isZero();
    }

    @Test
    void encodingChecksIdsAsForText() {
        assertThatThrownBy(() -> FrameCodec.encode(3, false, 7, ByteBuffer.allocate(0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Service 3 does not use callbacks, so it cannot send callback id 7");
    }

    @Test
    void decodesAPayloadThatMayContainBarsAndAnyByte() {
        byte[] wire = HEX.parseHex("31327c397c007cff7c");

        BinaryFrame frame = FrameCodec.decode(ByteBuffer.wrap(wire), true);

        assertThat(frame.serviceId()).isEqualTo(12);
        assertThat(frame.callbackId()).isEqualTo(9);
        assertThat(bytes(frame.payload())).containsExactly(0, '|', 0xff, '|');
    }

    @Test
    void decodedPayloadIsAReadOnlyViewOfTheFrameNotACopy() {
        byte[] wire = "5|abc".getBytes(StandardCharsets.US_ASCII);

        ByteBuffer payload = FrameCodec.decode(ByteBuffer.wrap(wire), false).payload();
        wire[2] = 'X';

        assertThat(payload.isReadOnly()).isTrue();
        assertThat(payload.position()).isZero();
        assertThat(bytes(payload)).containsExactly('X', 'b', 'c');
        assertThatThrownBy(() -> payload.put(0, (byte) 1)).isInstanceOf(ReadOnlyBufferException.class);
    }

    @Test
    void anEmptyCallbackFieldMeansNoCallback() {
        BinaryFrame frame = FrameCodec.decode(ByteBuffer.wrap("1||".getBytes(StandardCharsets.US_ASCII)), true);

        assertThat(frame.hasCallback()).isFalse();
        assertThat(frame.payload().remaining()).isZero();
    }

    @Test
    void decodingStartsAtTheBufferPositionAndLeavesItThere() {
        ByteBuffer buffer = ByteBuffer.wrap("xx2|ok".getBytes(StandardCharsets.US_ASCII)).position(2);

        BinaryFrame frame = FrameCodec.decode(buffer, false);

        assertThat(frame.serviceId()).isEqualTo(2);
        assertThat(bytes(frame.payload())).containsExactly('o', 'k');
        assertThat(buffer.position()).isEqualTo(2);
        assertThat(FrameCodec.serviceId(buffer)).isEqualTo(2);
    }

    @Test
    void aMalformedHeaderIsReportedWithUnprintableBytesShownAsQuestionMarks() {
        ByteBuffer noBar = ByteBuffer.wrap(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1});
        ByteBuffer noCallbackField = ByteBuffer.wrap("7|".getBytes(StandardCharsets.US_ASCII));
        ByteBuffer badCallback = ByteBuffer.wrap(new byte[] {'7', '|', (byte) 0xff, '|', 1});

        assertThatThrownBy(() -> FrameCodec.decode(noBar, false))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessage("Malformed frame: expected '<serviceId>|<payload>' but found no '|' in '?PNG??'");
        assertThatThrownBy(() -> FrameCodec.decode(noCallbackField, true))
                .hasMessage("Malformed frame: service 7 uses callbacks, so expected '7|<callbackId>|<payload>' "
                        + "(callbackId may be empty) but found no second '|' in '7|'");
        assertThatThrownBy(() -> FrameCodec.decode(badCallback, true))
                .hasMessage("Malformed frame: expected a numeric callback id but found '?'")
                .satisfies(e -> assertThat(((MalformedFrameException) e).serviceId()).isEqualTo(7));
    }

    @Test
    void onlyTheFirstBytesAreSearchedForTheHeader() {
        byte[] wire = new byte[64 * 1024];
        wire[wire.length - 1] = '|';

        assertThatThrownBy(() -> FrameCodec.serviceId(ByteBuffer.wrap(wire)))
                .hasMessage("Malformed frame: expected '<serviceId>|<payload>' but found no '|' in '"
                        + "?".repeat(17) + "'");
    }

    @Test
    void roundTripsEveryByteValue() {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }

        BinaryFrame frame = FrameCodec.decode(FrameCodec.encode(65_535, true, FrameCodec.MAX_CALLBACK_ID,
                ByteBuffer.wrap(all)), true);

        assertThat(frame.serviceId()).isEqualTo(65_535);
        assertThat(frame.callbackId()).isEqualTo(FrameCodec.MAX_CALLBACK_ID);
        assertThat(bytes(frame.payload())).isEqualTo(all);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
