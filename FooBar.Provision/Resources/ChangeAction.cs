namespace FooBar.Provision.Resources;

/// <summary>The kind of a change, as shown in a plan (<c>+</c>, <c>~</c>, <c>-</c>).</summary>
public enum ChangeAction
{
    /// <summary>Something is created or installed.</summary>
    Create,

    /// <summary>Something that exists is modified (content, mode, state).</summary>
    Update,

    /// <summary>Something is removed.</summary>
    Delete,

    /// <summary>A command runs.</summary>
    Run,
}
