package heartbeat;

/** The tea's thermometer: the temperature now, in degrees Celsius; it may be slow, and it may throw. */
public interface Thermometer {
    double celsius();
}
