package io.ringbook.gateway.binary;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Arrays;

/** A blocking test client over a plain socket: sends raw frames, reads reply frames. */
final class WireClient implements AutoCloseable {
    /** Only a guard against hangs: every read gives up after this long. */
    static final int READ_GUARD_MS = 20_000;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private WireClient(final Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    static WireClient connect(final int port) {
        try {
            final Socket socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress("127.0.0.1", port), READ_GUARD_MS);
            socket.setSoTimeout(READ_GUARD_MS);
            return new WireClient(socket);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void send(final byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next reply frame. */
    Frames.Reply read() {
        return Frames.parse(readRaw());
    }

    /** The next reply frame's bytes after its length prefix. */
    byte[] readRaw() {
        final byte[] frame = readFrame();
        return Arrays.copyOfRange(frame, 4, frame.length);
    }

    /** The next reply frame's bytes, length prefix included. */
    byte[] readFrame() {
        try {
            final int prefix = in.readInt();
            final int length = Integer.reverseBytes(prefix);
            final byte[] frame = new byte[4 + length];
            System.arraycopy(new byte[] {(byte) (prefix >>> 24), (byte) (prefix >>> 16), (byte) (prefix >>> 8),
                (byte) prefix}, 0, frame, 0, 4);
            in.readFully(frame, 4, length);
            return frame;
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Frames.Reply call(final byte[] frame) {
        send(frame);
        return read();
    }

    /** True once the server closed the connection (end of stream or reset), false if it stays open past the guard. */
    boolean awaitClosedByServer() {
        try {
            while (in.read() >= 0) {
                continue;
            }
            return true;
        } catch (final SocketTimeoutException e) {
            return false;
        } catch (final EOFException | SocketException e) {
            return true;
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets how long reads wait (for tests that expect the connection to stay open). */
    void readTimeoutMs(final int ms) {
        try {
            socket.setSoTimeout(ms);
        } catch (final SocketException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
