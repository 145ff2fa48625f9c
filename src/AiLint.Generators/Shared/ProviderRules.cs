using System;
using System.Collections.Generic;
using System.Linq;

#if AILINT_GENERATOR
namespace AiLint.Generators.Shared
#else
namespace AiLint.Analyzers.Shared
#endif
{
    /// <summary>A construct of a schema shape that some providers cannot express (AIL0401).</summary>
    internal sealed class ExpressibilityIssue
    {
        public ExpressibilityIssue(string objectId, string? propertyName, SchemaProviders providers, string reason)
        {
            ObjectId = objectId;
            PropertyName = propertyName;
            Providers = providers;
            Reason = reason;
        }

        /// <summary>The object shape declaring the offending member (or the offending type itself).</summary>
        public string ObjectId { get; }

        /// <summary>The C# property name, or null when the issue is the type itself.</summary>
        public string? PropertyName { get; }

        public SchemaProviders Providers { get; }

        public string Reason { get; }
    }

    /// <summary>
    /// What each provider's structured-output dialect can express. Sources: OpenAI structured-outputs guide, Anthropic
    /// structured-outputs docs, Gemini Schema reference (see docs/rules/AIL0401.md and the README section "Typed structured output per provider").
    /// </summary>
    internal static class ProviderRules
    {
        /// <summary>Every construct of <paramref name="shape"/> that one or more providers cannot express (all providers, not only targeted ones).</summary>
        public static List<ExpressibilityIssue> FindInexpressible(SchemaShape shape)
        {
            var issues = new List<ExpressibilityIssue>();
            if (shape.Root.UnsupportedReason is { } rootReason)
            {
                issues.Add(new ExpressibilityIssue(shape.RootId, null, SchemaProviders.All, rootReason));
            }

            var reach = Reachability(shape);
            foreach (var owner in shape.Objects)
            {
                foreach (var property in owner.Properties)
                {
                    void Add(SchemaProviders providers, string reason) => issues.Add(new ExpressibilityIssue(owner.Id, property.ClrName, providers, reason));

                    for (ValueShape? value = property.Value; value is not null; value = value.Element)
                    {
                        switch (value.Kind)
                        {
                            case ValueShapeKind.Unsupported when value.UnsupportedReason == SchemaShapeReader.UnresolvedReason:
                                // Unresolved types are the compiler's to report; the generator emits a parser that rejects them.
                                issues.Add(new ExpressibilityIssue(owner.Id, property.ClrName, SchemaProviders.None, value.UnsupportedReason));
                                break;
                            case ValueShapeKind.Unsupported:
                                Add(SchemaProviders.All, value.UnsupportedReason ?? "the type has no JSON schema mapping");
                                break;
                            case ValueShapeKind.Map:
                                Add(SchemaProviders.OpenAI | SchemaProviders.Anthropic, "a dictionary needs open-ended keys, but every object must declare additionalProperties:false");
                                Add(SchemaProviders.Gemini, "responseSchema has no additionalProperties, so a dictionary cannot be declared");
                                break;
                            case ValueShapeKind.Enum when shape.FindEnum(value.ReferenceId) is { IsNumeric: true }:
                                Add(SchemaProviders.Gemini, "responseSchema enums must be strings, and this enum is serialised as numbers");
                                break;
                            case ValueShapeKind.Object when shape.FindObject(value.ReferenceId) is { } target:
                                if (target.UnsupportedReason is { } reason && target.Id != shape.RootId)
                                {
                                    Add(SchemaProviders.All, reason);
                                }

                                // The member closes a cycle when its target can reach back to the declaring type.
                                if (target.Id == owner.Id || (reach.TryGetValue(target.Id, out var reachable) && reachable.Contains(owner.Id)))
                                {
                                    Add(SchemaProviders.Anthropic | SchemaProviders.Gemini, "the type contains itself, and recursive schemas are not supported");
                                }

                                break;
                        }
                    }
                }
            }

            return Merge(issues);
        }

        /// <summary>One issue per member and reason, with the providers that share it.</summary>
        private static List<ExpressibilityIssue> Merge(List<ExpressibilityIssue> issues)
        {
            var merged = new List<ExpressibilityIssue>();
            foreach (var issue in issues)
            {
                var index = merged.FindIndex(m => m.ObjectId == issue.ObjectId && m.PropertyName == issue.PropertyName && m.Reason == issue.Reason);
                if (index < 0)
                {
                    merged.Add(issue);
                }
                else
                {
                    merged[index] = new ExpressibilityIssue(issue.ObjectId, issue.PropertyName, merged[index].Providers | issue.Providers, issue.Reason);
                }
            }

            return merged;
        }

        private static Dictionary<string, HashSet<string>> Reachability(SchemaShape shape)
        {
            var direct = shape.Objects.ToDictionary(o => o.Id, o => o.Properties.SelectMany(p => SchemaShapeReader.ReferencedObjectIds(p.Value)).ToList(), StringComparer.Ordinal);
            var result = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            foreach (var shapeId in direct.Keys)
            {
                var seen = new HashSet<string>(StringComparer.Ordinal);
                var stack = new Stack<string>(direct[shapeId]);
                while (stack.Count > 0)
                {
                    var next = stack.Pop();
                    if (seen.Add(next) && direct.TryGetValue(next, out var more))
                    {
                        foreach (var id in more)
                        {
                            stack.Push(id);
                        }
                    }
                }

                result[shapeId] = seen;
            }

            return result;
        }
    }
}
