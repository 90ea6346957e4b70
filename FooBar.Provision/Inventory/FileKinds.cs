using System.Runtime.InteropServices;

namespace FooBar.Provision.Inventory;

/// <summary>Finds the <see cref="FileKind"/> of a path with <c>stat</c>, never opening it.</summary>
/// <remarks>
/// .NET has no public API for the file type on Unix, so this calls the runtime's own portable <c>stat</c> shim
/// (<c>SystemNative_Stat</c> in libSystem.Native, shipped with every .NET runtime), whose result starts with two
/// 32-bit fields, flags and mode, with portable type bits. On Windows the file attributes are used instead.
/// </remarks>
internal static class FileKinds
{
    private const int TypeMask = 0xF000;

    /// <summary>The kind of <paramref name="path"/>, following symbolic links.</summary>
    public static FileKind Of(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return OfWindowsPath(path);
        }

        // Generous room for the runtime's FileStatus structure, whatever its later fields are.
        var status = new byte[512];
        if (Stat(path, status) != 0)
        {
            return File.Exists(path) || Directory.Exists(path) ? FileKind.Other : FileKind.Missing;
        }

        return (BitConverter.ToInt32(status, 4) & TypeMask) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0x1000 => FileKind.Fifo,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            0xC000 => FileKind.Socket,
            _ => FileKind.Other,
        };
    }

    /// <summary>How a kind is named in messages (<c>a named pipe (FIFO)</c>).</summary>
    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.Missing => "nothing (it does not exist)",
        FileKind.Regular => "a regular file",
        FileKind.Directory => "a directory",
        FileKind.Fifo => "a named pipe (FIFO)",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Socket => "a socket",
        _ => "not a regular file",
    };

    private static FileKind OfWindowsPath(string path)
    {
        if (Directory.Exists(path))
        {
            return FileKind.Directory;
        }

        if (!File.Exists(path))
        {
            return FileKind.Missing;
        }

        return File.GetAttributes(path).HasFlag(FileAttributes.Device) ? FileKind.CharacterDevice : FileKind.Regular;
    }

    // DllImport rather than LibraryImport: the library stays free of unsafe code.
    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Stat(byte[] utf8Path, [Out] byte[] status);

    private static int Stat(string path, byte[] status) => Stat(System.Text.Encoding.UTF8.GetBytes(path + "\0"), status);
}
