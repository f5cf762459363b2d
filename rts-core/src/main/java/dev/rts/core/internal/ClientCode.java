package dev.rts.core.internal;

import dev.rts.api.ClientAsset;
import dev.rts.api.Json;
import dev.rts.core.spi.ClientBundle;
import dev.rts.core.spi.Transport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Builds the browser client bundle: core client, transport client, service assets, then a bootstrap that installs
 * every public service's browser half and connects.
 */
final class ClientCode {

    static final String CORE_RESOURCE = "/dev/rts/core/client/rts-client.js";
    /** Renews credentials over the open socket; in the bundle only when the server has an authenticator. */
    static final String AUTH_RESOURCE = "/dev/rts/core/client/rts-auth.js";

    /** A service without a browser half gets its raw per-service client (send, onmessage) as its API. */
    static final String DEFAULT_HANDLER = "function (client) { return client; }";

    private final Json json;

    ClientCode(Json json) {
        this.json = json;
    }

    /**
     * The service's browser half, or the default one.
     *
     * @throws IllegalStateException if the service declares a browser half that cannot be read, naming the service
     */
    String handler(MountedService service) {
        Optional<String> code;
        try {
            code = service.service.clientCode();
        } catch (RuntimeException e) {
            throw new IllegalStateException("Service '" + service.name + "' (" + service.service.getClass().getName()
                    + ") cannot start: its browser half cannot be read: " + e.getMessage(), e);
        }
        return code.map(String::strip).orElse(DEFAULT_HANDLER);
    }

    ClientBundle bundle(MountedService[] services, Transport transport, String path, String cookieName,
                        boolean authenticates) {
        StringBuilder script = new StringBuilder(16_384);
        script.append(readCore()).append('\n');
        script.append(transport.clientScript()).append('\n');
        if (authenticates) {
            script.append(read(AUTH_RESOURCE)).append('\n');
        }
        Map<String, String> assets = new LinkedHashMap<>();
        for (MountedService service : services) {
            if (service.id == 0 || service.isPrivate) {
                continue;
            }
            for (ClientAsset asset : service.service.clientAssets()) {
                assets.putIfAbsent(asset.name(), asset.source());
            }
        }
        assets.values().forEach(source -> script.append(source).append('\n'));
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("transport", transport.clientTransportName());
        options.put("transportOptions", Map.of("path", path));
        options.put("sessionCookieName", cookieName);
        script.append("(function(){var c=RTS.create(").append(json.encode(options)).append(");\n");
        for (MountedService service : services) {
            if (service.id == 0 || service.isPrivate) {
                continue;
            }
            script.append("c.provide(").append(json.encode(SystemHandler.params(service))).append(", (")
                    .append(handler(service)).append("));\n");
        }
        script.append("globalThis.rts=c;c.connect();})();\n");
        String text = script.toString();
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return new ClientBundle(text, utf8, gzip(utf8), etag(utf8));
    }

    static String readCore() {
        return read(CORE_RESOURCE);
    }

    private static String read(String resource) {
        try (InputStream in = ClientCode.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The browser client " + resource + " is missing from rts-core");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the browser client " + resource, e);
        }
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String etag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
