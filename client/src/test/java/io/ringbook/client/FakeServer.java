package io.ringbook.client;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.ringbook.model.Account;
import io.ringbook.model.AccountBalance;
import io.ringbook.model.CodeTotals;
import io.ringbook.model.Transfer;
import io.ringbook.protocol.AccountBalanceCodec;
import io.ringbook.protocol.AccountCodec;
import io.ringbook.protocol.CodeTotalsCodec;
import io.ringbook.protocol.CreateResultCodec;
import io.ringbook.protocol.Frame;
import io.ringbook.protocol.IdCodec;
import io.ringbook.protocol.OperationCode;
import io.ringbook.protocol.ReplyHeaderCodec;
import io.ringbook.protocol.RequestHeaderCodec;
import io.ringbook.protocol.StateHashCodec;
import io.ringbook.protocol.TransferCodec;

import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted stand-in for the server: decodes request frames, records them, and lets a test script decide each
 * answer (canned records, an error, silence, a dropped connection). Canned answers are functions of the request,
 * so a test can check that every caller got exactly the answer to its own events.
 */
final class FakeServer implements AutoCloseable {
    /** Decides what happens to each request; runs on the server's I/O thread. */
    interface Script {
        void onRequest(Exchange exchange);
    }

    /** The status the canned answer gives an event: a function of its id. */
    static int statusFor(final long id) {
        return (int) (id % 7);
    }

    /** The timestamp the canned answer gives an event. */
    static long timestampFor(final long id) {
        return id * 10 + 1;
    }

    /** Ids the canned lookups find: 1..1000, except multiples of 5. */
    static boolean exists(final long id) {
        return id >= 1 && id <= 1000 && id % 5 != 0;
    }

    static Account cannedAccount(final long id) {
        return new Account(id, id + 1, id + 2, id + 3, id + 4, -id, id << 20, id * 3, (int) id, 700, 10, 8, id * 100);
    }

    static Transfer cannedTransfer(final long id) {
        return new Transfer(id, id + 1, id + 2, id * 5, 0, 0, 1, 2, 3, 4, 0, 700, 11, 0, id * 100, id / 2);
    }

    static final List<AccountBalance> CANNED_BALANCES = List.of(new AccountBalance(5, 1, 2, 3, 4),
        new AccountBalance(6, 0, 7, 0, 9));
    static final List<CodeTotals> CANNED_TOTALS = List.of(
        new CodeTotals(700, 1, 3, BigInteger.ZERO, BigInteger.TWO.pow(70).add(BigInteger.TEN), BigInteger.ONE,
            BigInteger.TWO.pow(128).subtract(BigInteger.ONE)),
        new CodeTotals(700, 2, 1, BigInteger.valueOf(5), BigInteger.valueOf(6), BigInteger.valueOf(7),
            BigInteger.valueOf(Long.MAX_VALUE)));
    static final long CANNED_STATE_HASH = 0x0123_4567_89AB_CDEFL;

    /** One request as the server received it, and the means to answer it (from any thread). */
    static final class Exchange {
        final int connection;
        final int version;
        final int operation;
        final int count;
        final long requestId;
        final byte[] body;
        private final Channel channel;

        Exchange(final int connection, final Channel channel, final ByteBuf frame) {
            this.connection = connection;
            this.channel = channel;
            final int base = frame.readerIndex();
            final RequestHeaderCodec header = new RequestHeaderCodec().wrap(frame, base);
            version = header.version();
            operation = header.operation();
            count = (int) header.count();
            requestId = header.requestId();
            body = new byte[frame.readableBytes() - Frame.HEADER_BYTES];
            frame.getBytes(base + Frame.HEADER_BYTES, body);
        }

        ByteBuf body() {
            return Unpooled.wrappedBuffer(body);
        }

        /** The id of the i-th record of a create or lookup body (ids come first in all of them). */
        long idAt(final int index) {
            return new IdCodec().wrap(body(), index * OperationCode.requestRecordBytes(operation)).id();
        }

        /** Answers ok with {@code count} records already encoded in {@code records}. */
        void answer(final int replyCount, final ByteBuf records) {
            final ByteBuf frame = Unpooled.buffer();
            new ReplyHeaderCodec().appendFrame(frame, records.readableBytes()).operation(operation).count(replyCount)
                .requestId(requestId);
            frame.writeBytes(records);
            channel.writeAndFlush(frame);
        }

        /** Answers an error for this request. */
        void error(final int code, final String message) {
            channel.writeAndFlush(errorFrame(operation, code, requestId, message));
        }

        /** Answers an error the server cannot tie to a request (request id 0), then closes, like frame_too_large. */
        void connectionError(final int code, final String message) {
            channel.writeAndFlush(errorFrame(operation, code, 0, message)).addListener(ChannelFutureListener.CLOSE);
        }

        void drop() {
            channel.close();
        }

        /** The canned ok answer of the request's operation. */
        void answerCanned() {
            final ByteBuf records = Unpooled.buffer();
            final int replyCount = cannedRecords(records);
            answer(replyCount, records);
        }

        private int cannedRecords(final ByteBuf out) {
            switch (operation) {
                case OperationCode.CREATE_ACCOUNTS:
                case OperationCode.CREATE_TRANSFERS:
                    for (int i = 0; i < count; i++) {
                        new CreateResultCodec().append(out).status(statusFor(idAt(i))).timestamp(timestampFor(idAt(i)));
                    }
                    return count;
                case OperationCode.LOOKUP_ACCOUNTS:
                case OperationCode.LOOKUP_TRANSFERS:
                    return cannedLookup(out);
                case OperationCode.GET_ACCOUNT_TRANSFERS:
                case OperationCode.QUERY_TRANSFERS:
                    new TransferCodec().append(out).set(cannedTransfer(1));
                    new TransferCodec().append(out).set(cannedTransfer(2));
                    return 2;
                case OperationCode.QUERY_ACCOUNTS:
                    new AccountCodec().append(out).set(cannedAccount(3));
                    return 1;
                case OperationCode.GET_ACCOUNT_BALANCES:
                    CANNED_BALANCES.forEach(balance -> new AccountBalanceCodec().append(out).set(balance));
                    return CANNED_BALANCES.size();
                case OperationCode.GET_LEDGER_TOTALS:
                    CANNED_TOTALS.forEach(totals -> new CodeTotalsCodec().append(out).set(totals));
                    return CANNED_TOTALS.size();
                case OperationCode.STATE_HASH:
                    new StateHashCodec().append(out).stateHash(CANNED_STATE_HASH);
                    return 1;
                default:
                    throw new IllegalStateException("no canned answer for operation " + operation);
            }
        }

        private int cannedLookup(final ByteBuf out) {
            int found = 0;
            for (int i = 0; i < count; i++) {
                final long id = idAt(i);
                if (exists(id)) {
                    if (operation == OperationCode.LOOKUP_ACCOUNTS) {
                        new AccountCodec().append(out).set(cannedAccount(id));
                    } else {
                        new TransferCodec().append(out).set(cannedTransfer(id));
                    }
                    found++;
                }
            }
            return found;
        }

        private static ByteBuf errorFrame(final int operation, final int code, final long requestId,
                                          final String message) {
            final byte[] text = message.getBytes(StandardCharsets.UTF_8);
            final ByteBuf frame = Unpooled.buffer();
            new ReplyHeaderCodec().appendFrame(frame, text.length).operation(operation).error(code)
                .requestId(requestId);
            frame.writeBytes(text);
            return frame;
        }
    }

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;
    private final List<Exchange> received = new ArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();

    FakeServer(final Script script) {
        server = new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(final Channel channel) {
                    final int connection = connections.incrementAndGet();
                    channel.pipeline().addLast(
                        new LengthFieldBasedFrameDecoder(ByteOrder.LITTLE_ENDIAN, 4 + Frame.FRAME_MAX_BYTES, 0, 4, 0, 4,
                            true),
                        new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(final ChannelHandlerContext ctx, final Object msg) {
                                final ByteBuf frame = (ByteBuf) msg;
                                final Exchange exchange;
                                try {
                                    exchange = new Exchange(connection, ctx.channel(), frame);
                                } finally {
                                    frame.release();
                                }
                                synchronized (received) {
                                    received.add(exchange);
                                }
                                script.onRequest(exchange);
                            }
                        });
                }
            })
            .bind(new InetSocketAddress("127.0.0.1", 0)).syncUninterruptibly().channel();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** Every request received so far, in arrival order. */
    List<Exchange> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** Connections accepted so far. */
    int connections() {
        return connections.get();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
