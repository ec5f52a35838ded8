package dev.evalbot.app.registry;

import java.io.IOException;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Collects a response body into bytes, but stops reading and fails once it passes {@code limit}:
 * a definition is small, and a huge answer must not cost memory.
 */
final class CappedBodySubscriber implements BodySubscriber<byte[]> {
    /** The body passed the limit. */
    static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLargeException(int limit) {
            super("response body larger than " + limit + " bytes");
        }
    }

    private final BodySubscriber<byte[]> delegate = BodySubscribers.ofByteArray();
    private final int limit;
    private final AtomicBoolean exceeded;
    private Flow.Subscription subscription;
    private long received;
    private boolean stopped;

    /** @param exceeded set when the limit is passed: cancelling may surface as another error (HTTP/2 reset) */
    CappedBodySubscriber(int limit, AtomicBoolean exceeded) {
        this.limit = limit;
        this.exceeded = exceeded;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        delegate.onSubscribe(s);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (stopped) {
            return;
        }
        for (ByteBuffer b : items) {
            received += b.remaining();
        }
        if (received > limit) {
            stopped = true;
            exceeded.set(true);
            delegate.onError(new TooLargeException(limit));
            subscription.cancel();
            return;
        }
        delegate.onNext(items);
    }

    @Override
    public void onError(Throwable t) {
        if (!stopped) {
            delegate.onError(t);
        }
    }

    @Override
    public void onComplete() {
        if (!stopped) {
            delegate.onComplete();
        }
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return delegate.getBody();
    }
}
