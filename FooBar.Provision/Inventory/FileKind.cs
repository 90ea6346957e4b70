namespace FooBar.Provision.Inventory;

/// <summary>What a path names, found without opening it (opening a FIFO for reading would wait for a writer forever).</summary>
internal enum FileKind
{
    /// <summary>Nothing exists at the path.</summary>
    Missing,

    /// <summary>A regular file (or a symbolic link to one).</summary>
    Regular,

    /// <summary>A directory.</summary>
    Directory,

    /// <summary>A named pipe (FIFO).</summary>
    Fifo,

    /// <summary>A character device such as <c>/dev/zero</c> or <c>/dev/null</c>.</summary>
    CharacterDevice,

    /// <summary>A block device.</summary>
    BlockDevice,

    /// <summary>A Unix domain socket.</summary>
    Socket,

    /// <summary>Something else, or the type could not be read.</summary>
    Other,
}
