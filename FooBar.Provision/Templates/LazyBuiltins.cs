using Scriban;
using Scriban.Functions;
using Scriban.Parsing;
using Scriban.Runtime;

namespace FooBar.Provision.Templates;

/// <summary>
/// Scriban's built-in functions (<c>string.*</c>, <c>array.*</c>, <c>math.*</c>, <c>date.*</c>, <c>empty</c>, …) for one
/// render, built on the first look-up that reaches them. Names the template is given are found before the built-ins, so a
/// template that uses none (every built-in role's) never builds them: Scriban's default builds its whole set by reflection
/// once per process and copies it for every render, a tenth of a no-op's CPU in the Native AOT build
/// (benchmarks/results.md). The first look-up copies exactly what Scriban's default would hold, so a template sees the same.
/// </summary>
internal sealed class LazyBuiltins : ScriptObject
{
    /// <summary>Creates the empty holder (nothing imported from this type).</summary>
    public LazyBuiltins()
        : base(0, false)
    {
    }

    /// <summary>Whether a look-up reached the built-ins and they were built.</summary>
    public bool IsLoaded { get; private set; }

    /// <inheritdoc />
    public override bool TryGetValue(TemplateContext? context, SourceSpan span, string member, out object? value)
    {
        Load();
        return base.TryGetValue(context, span, member, out value);
    }

    /// <inheritdoc />
    public override bool Contains(string member)
    {
        Load();
        return base.Contains(member);
    }

    /// <inheritdoc />
    public override bool CanWrite(string member)
    {
        Load();
        return base.CanWrite(member);
    }

    /// <inheritdoc />
    public override bool TrySetValue(TemplateContext? context, SourceSpan span, string member, object? value, bool readOnly)
    {
        Load();
        return base.TrySetValue(context, span, member, value, readOnly);
    }

    /// <inheritdoc />
    public override bool Remove(string member)
    {
        Load();
        return base.Remove(member);
    }

    /// <inheritdoc />
    public override void SetReadOnly(string member, bool readOnly)
    {
        Load();
        base.SetReadOnly(member, readOnly);
    }

    private void Load()
    {
        if (IsLoaded)
        {
            return;
        }

        IsLoaded = true;
        new BuiltinFunctions().CopyTo(this);
    }
}
