/**
 * How long two threads of one JVM really run at the same instant: they pass a counter back and forth by
 * spinning on a volatile field for a fixed time, and every hand-over that took under 20 µs counts as time side
 * by side (a hand-over that waits for the scheduler takes milliseconds). Run by bench/side-by-side.sh.
 */
public class SideBySide {
    private static volatile long ball;

    public static void main(String[] args) throws InterruptedException {
        long window = Long.parseLong(args.length > 0 ? args[0] : "2000") * 1_000_000L;
        Thread partner = new Thread(() -> {
            while (true) {
                long v = ball;
                if (v < 0) {
                    return;
                }
                if ((v & 1) == 1) {
                    ball = v + 1;
                }
            }
        });
        partner.start();
        long end = System.nanoTime() + window;
        long together = 0;
        long handOvers = 0;
        long t = System.nanoTime();
        while (t < end) {
            long v = ball;
            ball = v + 1;
            while (ball == v + 1) {
                Thread.onSpinWait();
            }
            long now = System.nanoTime();
            if (now - t < 20_000) {
                together += now - t;
                handOvers++;
            }
            t = now;
        }
        ball = -1;
        partner.join();
        System.out.printf("%.0f%% side by side (%d fast hand-overs in %d ms)%n", 100.0 * together / window, handOvers,
                window / 1_000_000);
    }
}
