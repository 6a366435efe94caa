using System.Buffers.Binary;
using System.Text;

namespace Dashboard.Learning.Sequences;

/// <summary>
/// Marks one symbol-version requirement of an ELF64 little-endian shared library as weak (VER_FLG_WEAK), so that the
/// dynamic loader accepts a system library that lacks that version. A pure function over the file's bytes: the input is
/// never changed, and the copy differs from it in that one flag only.
/// </summary>
/// <remarks>
/// Weakening is safe only when the library never binds a symbol of that version: then no relocation refers to one, and
/// nothing the loader would have to resolve goes missing. The patcher checks exactly that and refuses otherwise.
/// Layouts are those of the System V ABI (Elf64_Ehdr, Elf64_Shdr, Elf64_Rela) and the GNU symbol versioning
/// extension (Elf64_Verneed, Elf64_Vernaux, the .gnu.version array).
/// </remarks>
internal static class ElfVersionNeeds
{
    private const ushort WeakFlag = 0x2; // VER_FLG_WEAK
    private const ushort HiddenVersionBit = 0x8000;
    private const uint RelaSection = 4; // SHT_RELA
    private const uint VersymSection = 0x6fffffff; // SHT_GNU_versym
    private const int RelaEntrySize = 24;

    /// <summary>Returns a copy of <paramref name="elf"/> whose requirement of <paramref name="version"/> is weak.</summary>
    /// <exception cref="InvalidDataException">Not an ELF64 little-endian file, the version is not required, or the library binds a symbol of it.</exception>
    public static byte[] MarkWeak(ReadOnlySpan<byte> elf, string version)
    {
        var patched = elf.ToArray();
        var file = new ElfFile(patched);
        var (flagsOffset, versionIndex) = FindRequirement(file, version);
        var relocations = RelocationsBoundTo(file, versionIndex);
        if (relocations > 0)
        {
            throw new InvalidDataException($"{relocations} relocations bind symbols of {version}: it cannot be made weak.");
        }

        var flags = BinaryPrimitives.ReadUInt16LittleEndian(patched.AsSpan(flagsOffset));
        BinaryPrimitives.WriteUInt16LittleEndian(patched.AsSpan(flagsOffset), (ushort)(flags | WeakFlag));
        return patched;
    }

    /// <summary>The file offset of the version's vna_flags and its version index (vna_other).</summary>
    private static (int FlagsOffset, ushort VersionIndex) FindRequirement(ElfFile file, string version)
    {
        var needs = file.SectionNamed(".gnu.version_r");
        var names = file.Section((int)needs.Link);
        var need = needs.Offset;
        while (true)
        {
            var auxCount = file.UInt16(need + 2);
            var aux = need + (int)file.UInt32(need + 8);
            for (var i = 0; i < auxCount; i++)
            {
                if (file.String(names.Offset + (int)file.UInt32(aux + 8)) == version)
                {
                    return (aux + 4, file.UInt16(aux + 6));
                }

                aux += (int)file.UInt32(aux + 12);
            }

            var next = file.UInt32(need + 12);
            if (next == 0)
            {
                throw new InvalidDataException($"The library does not require {version}.");
            }

            need += (int)next;
        }
    }

    /// <summary>How many dynamic relocations refer to a symbol whose version index is <paramref name="versionIndex"/>.</summary>
    private static int RelocationsBoundTo(ElfFile file, ushort versionIndex)
    {
        var versions = file.SectionOfType(VersymSection);
        var count = 0;
        foreach (var rela in file.Sections.Where(s => s.Type == RelaSection && s.Link == versions.Link))
        {
            for (var entry = rela.Offset; entry + RelaEntrySize <= rela.Offset + rela.Size; entry += RelaEntrySize)
            {
                var symbol = (int)(file.UInt64(entry + 8) >> 32);
                if (symbol != 0 && (file.UInt16(versions.Offset + (2 * symbol)) & ~HiddenVersionBit) == versionIndex)
                {
                    count++;
                }
            }
        }

        return count;
    }

    private readonly record struct Section(string Name, uint Type, int Offset, int Size, uint Link);

    /// <summary>Bounds-checked reads over the file and its section headers.</summary>
    private sealed class ElfFile
    {
        private readonly byte[] _bytes;

        public ElfFile(byte[] bytes)
        {
            _bytes = bytes;
            if (_bytes.Length < 64 || !_bytes.AsSpan(0, 4).SequenceEqual("\u007fELF"u8) || _bytes[4] != 2 || _bytes[5] != 1)
            {
                throw new InvalidDataException("Not an ELF64 little-endian file.");
            }

            var headers = (int)UInt64(0x28);
            var headerSize = UInt16(0x3A);
            var count = UInt16(0x3C);
            var namesIndex = UInt16(0x3E);
            if (namesIndex >= count)
            {
                throw Truncated();
            }

            var raw = Enumerable.Range(0, count).Select(i => headers + (i * headerSize)).ToList();
            var namesOffset = (int)UInt64(raw[namesIndex] + 24);
            Sections = [.. raw.Select(h => new Section(
                String(namesOffset + (int)UInt32(h)), UInt32(h + 4), (int)UInt64(h + 24), (int)UInt64(h + 32), UInt32(h + 40)))];
        }

        public IReadOnlyList<Section> Sections { get; }

        public Section Section(int index) => index < Sections.Count ? Sections[index] : throw Truncated();

        public Section SectionNamed(string name) => Find(s => s.Name == name, $"The library has no {name} section.");

        public Section SectionOfType(uint type) => Find(s => s.Type == type, $"The library has no section of type 0x{type:x}.");

        public ushort UInt16(int offset) => BinaryPrimitives.ReadUInt16LittleEndian(Slice(offset, 2));

        public uint UInt32(int offset) => BinaryPrimitives.ReadUInt32LittleEndian(Slice(offset, 4));

        public ulong UInt64(int offset) => BinaryPrimitives.ReadUInt64LittleEndian(Slice(offset, 8));

        public string String(int offset)
        {
            var length = offset >= 0 && offset < _bytes.Length ? _bytes.AsSpan(offset).IndexOf((byte)0) : -1;
            return length < 0 ? throw Truncated() : Encoding.ASCII.GetString(_bytes, offset, length);
        }

        private Section Find(Func<Section, bool> match, string missing) =>
            Sections.Where(match).Cast<Section?>().FirstOrDefault() ?? throw new InvalidDataException(missing);

        private ReadOnlySpan<byte> Slice(int offset, int length) =>
            offset >= 0 && offset + length <= _bytes.Length ? _bytes.AsSpan(offset, length) : throw Truncated();

        private static InvalidDataException Truncated() => new("The ELF file is truncated or malformed.");
    }
}
