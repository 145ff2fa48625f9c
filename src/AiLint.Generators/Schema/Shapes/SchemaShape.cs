#if AILINT_GENERATOR
namespace AiLint.Generators.Schema
#else
namespace AiLint.Analyzers.Schema
#endif
{
    /// <summary>
    /// The shape of one [LlmSchema] type and every object and enum reachable from it: the input of the schema writer,
    /// the parser emitter and the AIL0401/AIL0403 checks. Pure data with structural equality.
    /// </summary>
    /// <param name="RootId">The id of the [LlmSchema] type's own <see cref="ObjectShape"/> (always <c>Objects[0]</c>).</param>
    /// <param name="SchemaName">The schema name sent to providers: the attribute's name, else the type name.</param>
    /// <param name="Providers">The providers the type targets.</param>
    /// <param name="Objects">The root first, then reachable object types in discovery order.</param>
    /// <param name="Enums">The enums reachable from the root.</param>
    /// <param name="RecursiveIds">Object ids that take part in a reference cycle (a type that contains itself).</param>
    internal sealed record SchemaShape(
        string RootId,
        string SchemaName,
        SchemaProviders Providers,
        EquatableArray<ObjectShape> Objects,
        EquatableArray<EnumShape> Enums,
        EquatableArray<string> RecursiveIds)
    {
        public ObjectShape Root => Objects[0];

        public ObjectShape? FindObject(string? id)
        {
            foreach (var shape in Objects)
            {
                if (shape.Id == id)
                {
                    return shape;
                }
            }

            return null;
        }

        public EnumShape? FindEnum(string? id)
        {
            foreach (var shape in Enums)
            {
                if (shape.Id == id)
                {
                    return shape;
                }
            }

            return null;
        }

        public bool IsRecursive(string? id)
        {
            foreach (var recursive in RecursiveIds)
            {
                if (recursive == id)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
