using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace StanceML.Tuning;

/// <summary>
/// Loads TorchSharp's native library where the system C++ runtime is older than the one it was
/// built against. TorchSharp 0.107's <c>libLibTorchSharp.so</c> asks libstdc++ for the version
/// GLIBCXX_3.4.32 (GCC 13) for a single symbol, <c>std::ios_base_library_init</c>, which GCC 13
/// only references to pull in the iostream initialiser and never calls. On a GCC 12 runtime
/// (Debian 12) the loader refuses the library for that version alone. When, and only when, that
/// happens, a copy of the library with that one requirement marked weak (ELF <c>VER_FLG_WEAK</c>)
/// is written to a temporary folder beside links to its neighbours and loaded; TorchSharp then
/// finds it by its soname. Nothing else in the library changes.
/// </summary>
internal static class TorchNative
{
    private const string Library = "libLibTorchSharp.so";
    private const string MissingVersion = "GLIBCXX_3.4.32";
    private static readonly Lazy<string?> Loaded = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// Makes TorchSharp loadable, once per process. Returns null when nothing had to be done, else
    /// the path of the patched copy that was loaded.
    /// </summary>
    /// <exception cref="InvalidOperationException">The native library cannot be loaded, for a reason other than that version.</exception>
    public static string? EnsureLoaded() => Loaded.Value;

    private static string? Load()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var original = Path.Combine(AppContext.BaseDirectory, "runtimes", RuntimeInformation.RuntimeIdentifier.StartsWith("linux-arm", StringComparison.Ordinal) ? "linux-arm64" : "linux-x64", "native", Library);
        if (!File.Exists(original) || NativeLibrary.TryLoad(original, out _))
        {
            return null;
        }

        var bytes = File.ReadAllBytes(original);
        if (!MarkVersionWeak(bytes, MissingVersion))
        {
            throw new InvalidOperationException($"TorchSharp's {original} does not load on this machine; see `ldd {original}` for what it lacks.");
        }

        var folder = Path.Combine(Path.GetTempPath(), $"stanceml-torch-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        foreach (var neighbour in Directory.EnumerateFiles(Path.GetDirectoryName(original)!))
        {
            if (Path.GetFileName(neighbour) != Library)
            {
                File.CreateSymbolicLink(Path.Combine(folder, Path.GetFileName(neighbour)), neighbour);
            }
        }

        var patched = Path.Combine(folder, Library);
        File.WriteAllBytes(patched, bytes);
        if (!NativeLibrary.TryLoad(patched, out _))
        {
            throw new InvalidOperationException($"TorchSharp's native library does not load on this machine, even without its {MissingVersion} requirement; see `ldd {original}`.");
        }

        // A loaded library stays mapped after its file is gone.
        Directory.Delete(folder, recursive: true);
        return patched;
    }

    /// <summary>
    /// Sets <c>VER_FLG_WEAK</c> on the ELF64 version requirement named <paramref name="version"/>
    /// in place; false when the file has none (or is not little-endian ELF64).
    /// </summary>
    internal static bool MarkVersionWeak(byte[] elf, string version)
    {
        const uint VersionNeededSection = 0x6ffffffe;
        const ushort Weak = 0x2;
        // ELF magic, 64-bit class, little-endian data
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F' || elf[4] != 2 || elf[5] != 1)
        {
            return false;
        }

        var span = elf.AsSpan();
        var sectionTable = (int)BinaryPrimitives.ReadUInt64LittleEndian(span[0x28..]);
        var sectionSize = BinaryPrimitives.ReadUInt16LittleEndian(span[0x3A..]);
        var sectionCount = BinaryPrimitives.ReadUInt16LittleEndian(span[0x3C..]);
        for (var i = 0; i < sectionCount; i++)
        {
            var header = span[(sectionTable + (i * sectionSize))..];
            if (BinaryPrimitives.ReadUInt32LittleEndian(header[4..]) != VersionNeededSection)
            {
                continue;
            }

            var offset = (int)BinaryPrimitives.ReadUInt64LittleEndian(header[0x18..]);
            var link = (int)BinaryPrimitives.ReadUInt32LittleEndian(header[0x28..]);
            var entries = (int)BinaryPrimitives.ReadUInt32LittleEndian(header[0x2C..]);
            var strings = (int)BinaryPrimitives.ReadUInt64LittleEndian(span[(sectionTable + (link * sectionSize) + 0x18)..]);
            var need = offset;
            for (var n = 0; n < entries; n++)
            {
                var auxCount = BinaryPrimitives.ReadUInt16LittleEndian(span[(need + 2)..]);
                var aux = need + (int)BinaryPrimitives.ReadUInt32LittleEndian(span[(need + 8)..]);
                for (var k = 0; k < auxCount; k++)
                {
                    var nameOffset = strings + (int)BinaryPrimitives.ReadUInt32LittleEndian(span[(aux + 8)..]);
                    var end = span[nameOffset..].IndexOf((byte)0);
                    if (Encoding.ASCII.GetString(span.Slice(nameOffset, end)) == version)
                    {
                        BinaryPrimitives.WriteUInt16LittleEndian(span[(aux + 4)..], Weak);
                        return true;
                    }

                    aux += (int)BinaryPrimitives.ReadUInt32LittleEndian(span[(aux + 12)..]);
                }

                need += (int)BinaryPrimitives.ReadUInt32LittleEndian(span[(need + 12)..]);
            }
        }

        return false;
    }
}
