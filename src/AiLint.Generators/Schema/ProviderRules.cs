using System;
using System.Collections.Generic;

#if AILINT_GENERATOR
namespace AiLint.Generators.Schema
#else
namespace AiLint.Analyzers.Schema
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

            var cycleClosers = CycleClosingMembers(shape);
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

                                // Reported once per cycle, on the member that closes it (see CycleClosingMembers).
                                if (cycleClosers.Contains(Member(owner.Id, property.ClrName)))
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

        private static string Member(string objectId, string propertyName) => objectId + "." + propertyName;

        /// <summary>
        /// The members that close a reference cycle: the back edges of a depth-first walk from the root in declaration
        /// order. Each cycle is closed by exactly one of them, so a cycle through several types (<c>Thread.First</c> to
        /// <c>Message</c>, <c>Message.Replies</c> back to <c>Thread</c>) is reported once, on the member that leads back
        /// (<c>Message.Replies</c>), not on every member along it.
        /// </summary>
        private static HashSet<string> CycleClosingMembers(SchemaShape shape)
        {
            var closers = new HashSet<string>(StringComparer.Ordinal);
            var onPath = new HashSet<string>(StringComparer.Ordinal);
            var done = new HashSet<string>(StringComparer.Ordinal);

            void Visit(ObjectShape current)
            {
                onPath.Add(current.Id);
                foreach (var property in current.Properties)
                {
                    foreach (var targetId in SchemaShapeReader.ReferencedObjectIds(property.Value))
                    {
                        if (onPath.Contains(targetId))
                        {
                            closers.Add(Member(current.Id, property.ClrName));
                        }
                        else if (!done.Contains(targetId) && shape.FindObject(targetId) is { } target)
                        {
                            Visit(target);
                        }
                    }
                }

                onPath.Remove(current.Id);
                done.Add(current.Id);
            }

            // The root first, so cycles are closed where the schema's reader meets them; then any object the root
            // does not reach (none today, kept so no object is skipped).
            if (shape.FindObject(shape.RootId) is { } root)
            {
                Visit(root);
            }

            foreach (var other in shape.Objects)
            {
                if (!done.Contains(other.Id))
                {
                    Visit(other);
                }
            }

            return closers;
        }
    }
}
