package io.herald.dns.server;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.DClass;

/** Independent DNS clients for tests: dnsjava's resolver, and raw sockets for packets dnsjava would not send. */
final class DnsClient {
    private final InetSocketAddress server;

    DnsClient(InetSocketAddress server) {
        this.server = server;
    }

    /** Sends with dnsjava; {@code ednsPayload} 0 means no OPT record; truncated replies are returned as they are. */
    Message query(String name, int type, boolean tcp, int ednsPayload) throws IOException {
        SimpleResolver r = new SimpleResolver(server);
        r.setTCP(tcp);
        r.setIgnoreTruncation(true);
        r.setTimeout(Duration.ofSeconds(3));
        if (ednsPayload > 0) {
            r.setEDNS(0, ednsPayload, 0, List.of());
        } else {
            r.setEDNS(-1, 0, 0, List.of());
        }
        Message q = Message.newQuery(Record.newRecord(Name.fromString(name.endsWith(".") ? name : name + "."), type, DClass.IN));
        return r.send(q);
    }

    Message udp(String name, int type) throws IOException {
        return query(name, type, false, 0);
    }

    /** One raw datagram; returns the raw reply or null if none arrived within the timeout. */
    byte[] raw(byte[] packet, int timeoutMillis) throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            s.setSoTimeout(timeoutMillis);
            s.send(new DatagramPacket(packet, packet.length, server));
            byte[] buf = new byte[65535];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                s.receive(p);
            } catch (java.net.SocketTimeoutException e) {
                return null;
            }
            return java.util.Arrays.copyOf(buf, p.getLength());
        }
    }

    /** Several queries over one TCP connection, replies read in order of arrival. */
    static byte[][] tcpPipeline(InetSocketAddress server, byte[]... queries) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(server, 3000);
            s.setSoTimeout(3000);
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            for (byte[] q : queries) {
                out.writeShort(q.length);
                out.write(q);
            }
            out.flush();
            DataInputStream in = new DataInputStream(s.getInputStream());
            byte[][] replies = new byte[queries.length][];
            for (int i = 0; i < queries.length; i++) {
                byte[] r = new byte[in.readUnsignedShort()];
                in.readFully(r);
                replies[i] = r;
            }
            return replies;
        }
    }

    static byte[] wire(String name, int type, int id) throws IOException {
        Message q = Message.newQuery(Record.newRecord(Name.fromString(name + "."), type, DClass.IN));
        q.getHeader().setID(id);
        return q.toWire();
    }
}
