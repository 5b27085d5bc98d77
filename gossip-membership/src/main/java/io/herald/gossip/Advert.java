package io.herald.gossip;

import java.util.Properties;

/**
 * What a node advertises in its SWIM member properties: which catalogue it currently serves, not the catalogue
 * itself (that travels over TCP, see the README). SWIM never propagates a removed key, so every key is always
 * written with an explicit value.
 *
 * @param boot    the process incarnation; a restart with the same node name gets a new one
 * @param version the latest published catalogue version within this boot
 * @param count   instances in that version (shown in member lists)
 * @param left    set just before a graceful stop
 */
record Advert(String boot, long version, int count, boolean left) {
    static final String CATALOG_KEY = "herald.catalog";
    static final String LEFT_KEY = "herald.left";

    /** The advert in {@code props}, or null for a member that is not (yet) a Herald node. */
    static Advert read(Properties props) {
        String catalog = props.getProperty(CATALOG_KEY);
        if (catalog == null) {
            return null;
        }
        String[] parts = catalog.split("/", -1);
        if (parts.length != 3) {
            return null;
        }
        try {
            return new Advert(parts[0], Long.parseLong(parts[1]), Integer.parseInt(parts[2]),
                    Boolean.parseBoolean(props.getProperty(LEFT_KEY, "false")));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    void writeTo(Properties props) {
        // Left first: a peer that sees the new catalogue version must not miss a leave written with it.
        props.setProperty(LEFT_KEY, Boolean.toString(left));
        props.setProperty(CATALOG_KEY, boot + "/" + version + "/" + count);
    }
}
