package io.herald.gossip;

import io.herald.core.Health;
import io.herald.core.ServiceInstance;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compact binary form of a {@link CatalogSnapshot}: length-prefixed UTF-8 strings and fixed-width numbers. Decoding
 * re-validates every instance through {@link ServiceInstance}'s constructor, so a corrupt or hostile message is
 * rejected whole instead of leaking malformed names into DNS answers.
 */
final class CatalogCodec {
    static final int FORMAT = 1;

    private CatalogCodec() {}

    static byte[] encode(CatalogSnapshot s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + 64 * s.instances().size());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            writeString(out, s.node());
            writeString(out, s.boot());
            out.writeLong(s.version());
            out.writeInt(s.instances().size());
            for (ServiceInstance i : s.instances()) {
                writeString(out, i.service());
                writeString(out, i.env());
                writeString(out, i.id());
                byte[] addr = i.address().getAddress();
                out.writeByte(addr.length);
                out.write(addr);
                out.writeShort(i.port());
                out.writeInt(i.tags().size());
                for (String tag : i.tags()) {
                    writeString(out, tag);
                }
                out.writeInt(i.meta().size());
                for (Map.Entry<String, String> e : i.meta().entrySet()) {
                    writeString(out, e.getKey());
                    writeString(out, e.getValue());
                }
                out.writeByte(i.health().ordinal());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Exact encoded size of one instance, for capacity checks without encoding. */
    static int encodedSize(ServiceInstance i) {
        int n = stringSize(i.service()) + stringSize(i.env()) + stringSize(i.id());
        n += 1 + i.address().getAddress().length + 2;
        n += 4;
        for (String tag : i.tags()) {
            n += stringSize(tag);
        }
        n += 4;
        for (Map.Entry<String, String> e : i.meta().entrySet()) {
            n += stringSize(e.getKey()) + stringSize(e.getValue());
        }
        return n + 1;
    }

    /** Encoded size of the snapshot header for this node and boot. */
    static int headerSize(String node, String boot) {
        return 1 + stringSize(node) + stringSize(boot) + 8 + 4;
    }

    static CatalogSnapshot decode(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            int format = in.readUnsignedByte();
            if (format != FORMAT) {
                throw new IllegalArgumentException("unknown catalogue format " + format + " (this node reads "
                        + FORMAT + "); are all members running the same Herald version?");
            }
            String node = readString(in);
            String boot = readString(in);
            long version = in.readLong();
            int count = in.readInt();
            checkCount(count, data.length);
            List<ServiceInstance> instances = new ArrayList<>(count);
            for (int k = 0; k < count; k++) {
                String service = readString(in);
                String env = readString(in);
                String id = readString(in);
                int len = in.readUnsignedByte();
                if (len != 4 && len != 16) {
                    throw new IllegalArgumentException("address of " + service + "/" + id + " has " + len + " bytes");
                }
                byte[] addr = in.readNBytes(len);
                InetAddress address = InetAddress.getByAddress(addr);
                int port = in.readUnsignedShort();
                int tagCount = in.readInt();
                checkCount(tagCount, data.length);
                TreeSet<String> tags = new TreeSet<>();
                for (int t = 0; t < tagCount; t++) {
                    tags.add(readString(in));
                }
                int metaCount = in.readInt();
                checkCount(metaCount, data.length);
                Map<String, String> meta = new TreeMap<>();
                for (int m = 0; m < metaCount; m++) {
                    meta.put(readString(in), readString(in));
                }
                int health = in.readUnsignedByte();
                if (health >= Health.values().length) {
                    throw new IllegalArgumentException("unknown health " + health);
                }
                instances.add(new ServiceInstance(service, env, id, address, port, tags, meta,
                        Health.values()[health], node));
            }
            if (in.available() > 0) {
                throw new IllegalArgumentException(in.available() + " trailing bytes");
            }
            return new CatalogSnapshot(node, boot, version, instances);
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated catalogue message", e);
        }
    }

    private static void checkCount(int count, int messageLength) {
        // Every element takes at least one byte, so a count beyond the message length is corrupt.
        if (count < 0 || count > messageLength) {
            throw new IllegalArgumentException("element count " + count + " does not fit a message of "
                    + messageLength + " bytes");
        }
    }

    private static int stringSize(String s) {
        return 4 + s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in) throws IOException {
        int len = in.readInt();
        if (len < 0 || len > in.available()) {
            throw new IllegalArgumentException("string of " + len + " bytes does not fit the message");
        }
        return new String(in.readNBytes(len), StandardCharsets.UTF_8);
    }
}
