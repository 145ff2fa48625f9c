using System;

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
    internal sealed class SchemaShape : IEquatable<SchemaShape>
    {
        public SchemaShape(string rootId, string schemaName, SchemaProviders providers, EquatableArray<ObjectShape> objects, EquatableArray<EnumShape> enums, EquatableArray<string> recursiveIds)
        {
            RootId = rootId;
            SchemaName = schemaName;
            Providers = providers;
            Objects = objects;
            Enums = enums;
            RecursiveIds = recursiveIds;
        }

        /// <summary>The id of the [LlmSchema] type's own <see cref="ObjectShape"/> (always <c>Objects[0]</c>).</summary>
        public string RootId { get; }

        /// <summary>The schema name sent to providers: the attribute's name, else the type name.</summary>
        public string SchemaName { get; }

        /// <summary>The providers the type targets.</summary>
        public SchemaProviders Providers { get; }

        /// <summary>The root first, then reachable object types in discovery order.</summary>
        public EquatableArray<ObjectShape> Objects { get; }

        public EquatableArray<EnumShape> Enums { get; }

        /// <summary>Object ids that take part in a reference cycle (a type that contains itself).</summary>
        public EquatableArray<string> RecursiveIds { get; }

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

        public bool Equals(SchemaShape? other) =>
            other is not null
            && (RootId, SchemaName, Providers).Equals((other.RootId, other.SchemaName, other.Providers))
            && Objects.Equals(other.Objects)
            && Enums.Equals(other.Enums)
            && RecursiveIds.Equals(other.RecursiveIds);

        public override bool Equals(object? obj) => Equals(obj as SchemaShape);

        public override int GetHashCode() => (RootId, SchemaName, Providers, Objects).GetHashCode();
    }
}
