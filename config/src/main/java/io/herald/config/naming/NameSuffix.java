package io.herald.config.naming;

/**
 * A template rendered for one environment: a service {@code s} of that environment is named {@code s + suffix}.
 *
 * @param suffix e.g. ".prod.service" or "-prod.service"
 * @param zone   the apex of the zone holding such names, e.g. "service" or "prod-service"
 */
public record NameSuffix(String suffix, String zone, String env, NameTemplate template) {

    /** The service's name under this suffix, lower-case, without the trailing dot. */
    public String nameOf(String service) {
        return service + suffix;
    }

    /**
     * The RFC 2782 SRV owner name, {@code _<first label>._<proto>.<rest>}: "web.prod.service" gives
     * "_web._tcp.prod.service", "web-prod.service" gives "_web-prod._tcp.service".
     */
    public String srvNameOf(String service, String proto) {
        String name = nameOf(service);
        int dot = name.indexOf('.');
        return "_" + name.substring(0, dot) + "._" + proto + name.substring(dot);
    }

    /**
     * Whether some service name under this suffix can also be read as a name under {@code other}: the two are the
     * same, or one ends with the other and the extra text has no dot (a service label could absorb it, as in
     * "-prod.service" against ".service", where service "web-prod" under the second is "web" under the first).
     */
    public boolean overlaps(NameSuffix other) {
        String a = suffix;
        String b = other.suffix;
        if (a.equals(b)) {
            return true;
        }
        String longer = a.length() > b.length() ? a : b;
        String shorter = longer == a ? b : a;
        return longer.endsWith(shorter) && longer.substring(0, longer.length() - shorter.length()).indexOf('.') < 0;
    }
}
