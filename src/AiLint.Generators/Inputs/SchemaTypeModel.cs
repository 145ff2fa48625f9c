using AiLint.Generators.Schema;

namespace AiLint.Generators.Inputs
{
    /// <summary>Everything the emitter needs for one [LlmSchema] type: where to declare the partial and its shape.</summary>
    /// <param name="Namespace">The containing namespace, or null for the global namespace.</param>
    /// <param name="ContainingTypes">Declarations of the containing types, outermost first (<c>partial class Outer</c>).</param>
    /// <param name="Declaration">The type's own partial declaration header (<c>partial record Ticket</c>).</param>
    /// <param name="TypeName">The C# name of the type as used in signatures (<c>Ticket</c>).</param>
    /// <param name="HintName">The generated file's hint name.</param>
    /// <param name="IsValueType">A struct: <c>out T?</c> is <c>Nullable&lt;T&gt;</c>.</param>
    /// <param name="Shape">The schema shape.</param>
    internal sealed record SchemaTypeModel(
        string? Namespace,
        EquatableArray<string> ContainingTypes,
        string Declaration,
        string TypeName,
        string HintName,
        bool IsValueType,
        SchemaShape Shape);
}
