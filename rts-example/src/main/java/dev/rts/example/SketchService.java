package dev.rts.example;

import dev.rts.api.Feature;
import dev.rts.api.Message;
import dev.rts.api.Reply;
import dev.rts.api.Request;
import dev.rts.api.Service;
import dev.rts.api.ServiceContext;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The example's sketch sharing, mounted as {@code sketch}: a page sends a PNG image as bytes in one binary frame, and
 * every other page gets the same bytes, encoded once for all of them. The sender's callback gets
 * {@code {"sharedWith":n}}, a JSON answer to a binary request. Its browser half is
 * {@code META-INF/rts/dev.rts.example.SketchService.js}.
 *
 * <p>Nothing is stored: a sketch reaches the pages open when it is shared. An image is at most the server's
 * {@code maxFrameSize} (64 KiB by default), and every receiving socket's queue is bounded by {@code maxQueuedBytes}.
 */
public final class SketchService implements Service {

    /** The default mount name. */
    public static final String NAME = "sketch";

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private ServiceContext context;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Feature> features() {
        return Set.of(Feature.JSON, Feature.CALLBACKS, Feature.BINARY);
    }

    @Override
    public Object start(ServiceContext ctx) {
        this.context = ctx;
        ctx.onMessage(this::handle);
        return null;
    }

    private void handle(Message message, Request request, Reply reply) {
        if (!message.isBinary()) {
            throw new IllegalArgumentException("Share a sketch as the bytes of a PNG image, not as text");
        }
        ByteBuffer image = message.buffer();
        if (!isPng(image)) {
            throw new IllegalArgumentException("A sketch must be a PNG image, but these " + image.remaining()
                    + " bytes do not start with the PNG signature");
        }
        Set<String> others = new HashSet<>(context.connections().socketIds());
        others.remove(request.socketId());
        int sharedWith = context.sendBytes(others, image);
        context.logger().debug("Sketch of {} bytes from socket {} shared with {} sockets", image.remaining(),
                request.socketId(), sharedWith);
        reply.send(Map.of("sharedWith", sharedWith));
    }

    private static boolean isPng(ByteBuffer image) {
        if (image.remaining() < PNG_SIGNATURE.length) {
            return false;
        }
        for (int i = 0; i < PNG_SIGNATURE.length; i++) {
            if (image.get(image.position() + i) != PNG_SIGNATURE[i]) {
                return false;
            }
        }
        return true;
    }
}
