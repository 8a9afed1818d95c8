package org.x2go.cli.internal;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.x2go.cli.InterruptSource;

/**
 * Ctrl-C from SIGINT. {@code sun.misc.Signal} (module {@code jdk.unsupported}) is used through
 * reflection: it lets the attached session be suspended and the process exit with a code that tells
 * the outcome, which a shutdown hook cannot do. When it is not available a shutdown hook runs the
 * handler and waits briefly for the clean-up instead.
 */
public final class SignalInterrupts implements InterruptSource {
    /**
     * Looked up when needed, not in a static field: the process creates this object before it has parsed
     * the command line, and slf4j-simple fixes its level when the first logger is made.
     */
    private static Logger log() {
        return LoggerFactory.getLogger(SignalInterrupts.class);
    }

    @Override
    public Handle onInterrupt(Runnable handler) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Object signal = signalClass.getConstructor(String.class).newInstance("INT");
            Object proxy = Proxy.newProxyInstance(handlerClass.getClassLoader(), new Class<?>[] {handlerClass},
                    (p, m, args) -> {
                        if ("handle".equals(m.getName())) {
                            handler.run();
                            return null;
                        }
                        return switch (m.getName()) {
                            case "hashCode" -> System.identityHashCode(p);
                            case "equals" -> p == args[0];
                            case "toString" -> "x2go Ctrl-C handler";
                            default -> null;
                        };
                    });
            Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
            Object previous = handle.invoke(null, signal, proxy);
            return () -> {
                try {
                    handle.invoke(null, signal, previous);
                } catch (ReflectiveOperationException e) {
                    log().debug("cannot restore the SIGINT handler: {}", e.toString());
                }
            };
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            log().debug("SIGINT handler not available ({}); using a shutdown hook", e.toString());
            Thread hook = new Thread(handler, "x2go-ctrl-c");
            Runtime.getRuntime().addShutdownHook(hook);
            return () -> {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running or has run: nothing to restore
                }
            };
        }
    }
}
