package dev.contextdb.benchmarks;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.SocketFactory;

/**
 * A socket factory for the PostgreSQL JDBC driver ({@code socketFactory} connection property) that
 * counts round trips: an exchange starts when the driver writes after having read (or for the
 * first time), however many writes and reads it takes. Counts are kept per
 * {@code socketFactoryArg}, so two applications in one JVM count apart.
 */
public final class RoundTripCounter extends SocketFactory {

    private static final Map<String, AtomicLong> COUNTS = new ConcurrentHashMap<>();

    private final AtomicLong count;

    /** @param name the counter this factory's sockets add to ({@code socketFactoryArg}) */
    public RoundTripCounter(String name) {
        this.count = counter(name);
    }

    /**
     * @param name the counter
     * @return its round trips so far
     */
    static AtomicLong counter(String name) {
        return COUNTS.computeIfAbsent(name, key -> new AtomicLong());
    }

    @Override
    public Socket createSocket() {
        return new CountingSocket(count);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        Socket socket = createSocket();
        socket.connect(new java.net.InetSocketAddress(host, port));
        return socket;
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
        throw new UnsupportedOperationException("the driver creates unconnected sockets");
    }

    @Override
    public Socket createSocket(InetAddress host, int port) {
        throw new UnsupportedOperationException("the driver creates unconnected sockets");
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
        throw new UnsupportedOperationException("the driver creates unconnected sockets");
    }

    private static final class CountingSocket extends Socket {

        private final AtomicLong count;
        private volatile boolean readSinceWrite = true;
        private InputStream in;
        private OutputStream out;

        CountingSocket(AtomicLong count) {
            this.count = count;
        }

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (in == null) {
                in = new FilterInputStream(super.getInputStream()) {
                    @Override
                    public int read() throws IOException {
                        int b = super.read();
                        readSinceWrite |= b >= 0;
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = super.in.read(buffer, offset, length);
                        readSinceWrite |= n > 0;
                        return n;
                    }
                };
            }
            return in;
        }

        @Override
        public synchronized OutputStream getOutputStream() throws IOException {
            if (out == null) {
                out = new FilterOutputStream(super.getOutputStream()) {
                    @Override
                    public void write(int b) throws IOException {
                        sending();
                        super.out.write(b);
                    }

                    @Override
                    public void write(byte[] buffer, int offset, int length) throws IOException {
                        sending();
                        super.out.write(buffer, offset, length);
                    }
                };
            }
            return out;
        }

        private void sending() {
            if (readSinceWrite) {
                readSinceWrite = false;
                count.incrementAndGet();
            }
        }
    }
}
