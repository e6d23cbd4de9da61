package org.handlelens.symbols.resolve;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Turns stored symbol names into the names WinDbg shows in stacks. Publics are decorated: x86 C names
 * ({@code _main}, {@code _NtClose@4}, {@code @Fast@8}) lose their decoration, and simple MSVC C++ names
 * ({@code ?what@exception@std@@UEBAPEBDXZ}) become {@code std::exception::what}. Names this small
 * undecorator does not understand (templates, operators) are returned unchanged.
 */
public final class DisplayNames {
    private DisplayNames() {
    }

    /**
     * @param name stored name
     * @param x86  true for 32-bit x86 images, where C names carry a leading underscore
     */
    public static String forPublic(String name, boolean x86) {
        if (name.startsWith("?")) {
            String u = undecorateCpp(name);
            return u != null ? u : name;
        }
        if (!x86) {
            return name;
        }
        if (name.startsWith("_") || name.startsWith("@")) {
            String base = name.substring(1);
            int at = base.lastIndexOf('@');
            if (at > 0 && base.substring(at + 1).chars().allMatch(Character::isDigit) && at < base.length() - 1) {
                base = base.substring(0, at);
            }
            return base;
        }
        return name;
    }

    /** {@code ?name@scope1@scope2@@...} → {@code scope2::scope1::name}; ctor/dtor for ??0/??1; else null. */
    static String undecorateCpp(String name) {
        String rest;
        String special = null;
        if (name.startsWith("??0")) {
            rest = name.substring(3);
            special = "ctor";
        } else if (name.startsWith("??1")) {
            rest = name.substring(3);
            special = "dtor";
        } else if (name.startsWith("??")) {
            return null;
        } else {
            rest = name.substring(1);
        }
        int end = rest.indexOf("@@");
        if (end <= 0) {
            return null;
        }
        String qualified = rest.substring(0, end);
        if (qualified.contains("?") || qualified.contains("$")) {
            return null;
        }
        List<String> parts = new ArrayList<>(List.of(qualified.split("@")));
        if (parts.stream().anyMatch(String::isEmpty) || parts.stream().anyMatch(p -> Character.isDigit(p.charAt(0)))) {
            return null; // back-references (digits) need the full grammar
        }
        Collections.reverse(parts);
        if (special != null) {
            String cls = parts.get(parts.size() - 1);
            parts.add(special.equals("ctor") ? cls : "~" + cls);
        }
        return String.join("::", parts);
    }
}
