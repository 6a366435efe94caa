using System.Text;

namespace Dashboard.Learning.Tests.Sequences;

/// <summary>
/// A minimal ELF64 little-endian shared library as bytes: section headers, names, and the symbol-version sections the
/// patcher reads. It needs libstdc++'s GLIBCXX_3.4.30 and GLIBCXX_3.4.32 for one symbol each; the 3.4.30 symbol is
/// always bound by a relocation, the 3.4.32 one only when asked.
/// </summary>
internal static class TinyElf
{
    public const string Needed = "GLIBCXX_3.4.32";
    public const string Other = "GLIBCXX_3.4.30";

    /// <summary>Builds the file; <paramref name="neededFlagsOffset"/> is where the GLIBCXX_3.4.32 requirement's vna_flags sits.</summary>
    public static byte[] Build(bool bindNeededSymbol, out int neededFlagsOffset)
    {
        var dynstr = Strings(out var dynstrOffsets, "libstdc++.so.6", Other, Needed);
        var versym = Bytes(w => { w.Write((ushort)0); w.Write((ushort)2); w.Write((ushort)3); });
        var dynsym = new byte[3 * 24];
        var verneed = Bytes(w =>
        {
            Verneed(w, count: 2, file: dynstrOffsets[0]);
            Vernaux(w, versionIndex: 2, name: dynstrOffsets[1], next: 16);
            Vernaux(w, versionIndex: 3, name: dynstrOffsets[2], next: 0);
        });
        var rela = Bytes(w =>
        {
            Relocation(w, symbol: 1);
            if (bindNeededSymbol)
            {
                Relocation(w, symbol: 2);
            }
        });
        var shstrtab = Strings(out var names, ".shstrtab", ".dynstr", ".dynsym", ".gnu.version", ".gnu.version_r", ".rela.plt");

        // (name, type, link, contents); section 0 is the null section.
        (int Name, uint Type, uint Link, byte[] Data)[] sections =
        [
            (0, 0, 0, []),
            (names[0], 3, 0, shstrtab),
            (names[1], 3, 0, dynstr),
            (names[2], 11, 2, dynsym),
            (names[3], 0x6fffffff, 3, versym),
            (names[4], 0x6ffffffe, 2, verneed),
            (names[5], 4, 3, rela),
        ];

        var offsets = new long[sections.Length];
        var body = new MemoryStream();
        body.Write(new byte[64]);
        for (var i = 0; i < sections.Length; i++)
        {
            offsets[i] = body.Position;
            body.Write(sections[i].Data);
            body.Write(new byte[(8 - (body.Position % 8)) % 8]);
        }

        var headersAt = body.Position;
        var writer = new BinaryWriter(body);
        for (var i = 0; i < sections.Length; i++)
        {
            var (name, type, link, data) = sections[i];
            writer.Write(name);
            writer.Write(type);
            writer.Write(0UL); // flags
            writer.Write(0UL); // address
            writer.Write((ulong)offsets[i]);
            writer.Write((ulong)data.Length);
            writer.Write(link);
            writer.Write(0u); // info
            writer.Write(8UL); // alignment
            writer.Write(0UL); // entry size
        }

        var bytes = body.ToArray();
        "\u007fELF"u8.CopyTo(bytes);
        bytes[4] = 2; // 64-bit
        bytes[5] = 1; // little-endian
        bytes[6] = 1; // version
        BitConverter.TryWriteBytes(bytes.AsSpan(0x28), (ulong)headersAt);
        BitConverter.TryWriteBytes(bytes.AsSpan(0x3A), (ushort)64);
        BitConverter.TryWriteBytes(bytes.AsSpan(0x3C), (ushort)sections.Length);
        BitConverter.TryWriteBytes(bytes.AsSpan(0x3E), (ushort)1);
        neededFlagsOffset = (int)offsets[5] + 16 + 16 + 4;
        return bytes;
    }

    private static void Verneed(BinaryWriter w, ushort count, int file)
    {
        w.Write((ushort)1);
        w.Write(count);
        w.Write((uint)file);
        w.Write(16u); // first aux right after
        w.Write(0u); // last verneed
    }

    private static void Vernaux(BinaryWriter w, ushort versionIndex, int name, uint next)
    {
        w.Write(0u); // hash, unread
        w.Write((ushort)0); // flags
        w.Write(versionIndex);
        w.Write((uint)name);
        w.Write(next);
    }

    private static void Relocation(BinaryWriter w, int symbol)
    {
        w.Write(0UL);
        w.Write(((ulong)symbol << 32) | 7); // R_X86_64_JUMP_SLOT
        w.Write(0L);
    }

    private static byte[] Strings(out int[] offsets, params string[] strings)
    {
        var table = new List<byte> { 0 };
        offsets = new int[strings.Length];
        for (var i = 0; i < strings.Length; i++)
        {
            offsets[i] = table.Count;
            table.AddRange(Encoding.ASCII.GetBytes(strings[i]));
            table.Add(0);
        }

        return [.. table];
    }

    private static byte[] Bytes(Action<BinaryWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            write(writer);
        }

        return stream.ToArray();
    }
}
