package io.interleave.grader.compile;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What linking against a class depends on, read from its class file: its kind and modifiers, its supertypes,
 * its fields and methods (with the values of its compile-time constants), and the members of other classes its
 * code refers to. Reads the class file format directly (JVMS chapter 4), so it works on every JDK from 21 on.
 */
record ClassShape(String name, int access, String superName, Set<String> interfaces, boolean sealed,
                  List<Member> fields, List<Member> methods, Set<String> referencedClasses, List<Reference> references) {
    static final int ACC_PUBLIC = 0x0001;
    static final int ACC_PRIVATE = 0x0002;
    static final int ACC_STATIC = 0x0008;
    static final int ACC_FINAL = 0x0010;
    static final int ACC_VARARGS = 0x0080;
    static final int ACC_INTERFACE = 0x0200;
    static final int ACC_ABSTRACT = 0x0400;
    static final int ACC_ANNOTATION = 0x2000;
    static final int ACC_ENUM = 0x4000;
    /** The modifiers of a class that decide how other code may use it. */
    static final int CLASS_KIND = ACC_PUBLIC | ACC_FINAL | ACC_INTERFACE | ACC_ABSTRACT | ACC_ANNOTATION | ACC_ENUM;
    /** The modifiers of a member that decide how other code may use it (varargs matters to the compiler only). */
    static final int MEMBER_KIND = ACC_PRIVATE | ACC_STATIC | ACC_FINAL | ACC_VARARGS | ACC_ABSTRACT;

    /** A field or method: its name, descriptor, modifiers, and for a constant field its value. */
    record Member(String name, String descriptor, int access, String constant) {
        boolean isPrivate() {
            return (access & ACC_PRIVATE) != 0;
        }

        /** The part of the member that code compiled against it relies on. */
        String linkage() {
            return name + descriptor + "#" + (access & MEMBER_KIND) + (constant == null ? "" : "=" + constant);
        }
    }

    /** A field or method of another class that this class's code uses: {@code kind} is 9 (field), 10 or 11 (method). */
    record Reference(int kind, String owner, String name, String descriptor) {
    }

    boolean is(int flag) {
        return (access & flag) != 0;
    }

    static ClassShape read(byte[] bytes) {
        try {
            return parse(new DataInputStream(new ByteArrayInputStream(bytes)));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a readable class file: " + e, e);
        }
    }

    private static ClassShape parse(DataInputStream in) throws IOException {
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("bad magic number");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        int[] tags = new int[count];
        Object[] values = new Object[count];
        int[][] refs = new int[count][];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            tags[i] = tag;
            switch (tag) {
                case 1 -> values[i] = in.readUTF();
                case 3 -> values[i] = "I" + in.readInt();
                case 4 -> values[i] = "F" + Integer.toHexString(Float.floatToRawIntBits(in.readFloat()));
                case 5 -> values[i++] = "J" + in.readLong();
                case 6 -> values[i++] = "D" + Long.toHexString(Double.doubleToRawLongBits(in.readDouble()));
                case 7, 8, 16, 19, 20 -> refs[i] = new int[] {in.readUnsignedShort()};
                case 9, 10, 11, 12, 17, 18 -> refs[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
                case 15 -> refs[i] = new int[] {in.readUnsignedByte(), in.readUnsignedShort()};
                default -> throw new IOException("unknown constant pool tag " + tag + " at " + i);
            }
        }
        int access = in.readUnsignedShort();
        String name = className(tags, values, refs, in.readUnsignedShort());
        int superIndex = in.readUnsignedShort();
        String superName = superIndex == 0 ? null : className(tags, values, refs, superIndex);
        Set<String> interfaces = new TreeSet<>();
        for (int i = in.readUnsignedShort(); i > 0; i--) {
            interfaces.add(className(tags, values, refs, in.readUnsignedShort()));
        }
        List<Member> fields = members(in, values, tags, refs);
        List<Member> methods = members(in, values, tags, refs);
        boolean sealed = false;
        for (int i = in.readUnsignedShort(); i > 0; i--) {
            String attribute = (String) values[in.readUnsignedShort()];
            in.skipNBytes(in.readInt());
            sealed |= "PermittedSubclasses".equals(attribute);
        }
        Set<String> referencedClasses = new HashSet<>();
        List<Reference> references = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            if (tags[i] == 7) {
                referencedClasses.add((String) values[refs[i][0]]);
            } else if (tags[i] == 9 || tags[i] == 10 || tags[i] == 11) {
                int[] nameAndType = refs[refs[i][1]];
                references.add(new Reference(tags[i], className(tags, values, refs, refs[i][0]),
                        (String) values[nameAndType[0]], (String) values[nameAndType[1]]));
            }
        }
        return new ClassShape(name, access, superName, interfaces, sealed, fields, methods, referencedClasses, references);
    }

    private static List<Member> members(DataInputStream in, Object[] values, int[] tags, int[][] refs) throws IOException {
        List<Member> members = new ArrayList<>();
        for (int i = in.readUnsignedShort(); i > 0; i--) {
            int access = in.readUnsignedShort();
            String name = (String) values[in.readUnsignedShort()];
            String descriptor = (String) values[in.readUnsignedShort()];
            String constant = null;
            for (int a = in.readUnsignedShort(); a > 0; a--) {
                String attribute = (String) values[in.readUnsignedShort()];
                int length = in.readInt();
                if ("ConstantValue".equals(attribute) && length == 2) {
                    int index = in.readUnsignedShort();
                    constant = tags[index] == 8 ? "S" + values[refs[index][0]] : String.valueOf(values[index]);
                } else {
                    in.skipNBytes(length);
                }
            }
            members.add(new Member(name, descriptor, access, constant));
        }
        return members;
    }

    private static String className(int[] tags, Object[] values, int[][] refs, int index) throws IOException {
        if (tags[index] != 7) {
            throw new IOException("constant " + index + " is not a class");
        }
        return (String) values[refs[index][0]];
    }
}
