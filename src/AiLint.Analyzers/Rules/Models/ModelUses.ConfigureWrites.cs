using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// A settings property read at a slot that the project's options lambdas write (<see cref="OptionsConfigureWrites"/>):
    /// <c>builder.Services.Configure&lt;OpenAiOptions&gt;(o =&gt; o.ChatModel = Environment.GetEnvironmentVariable("MODEL")
    /// ?? "gpt-3.5-turbo")</c> replaces the declared <c>= "gpt-4o-mini"</c> default on every run, so the default is not
    /// reported and the written value is read instead, each branch of its fallback or choice, reported at the slot's
    /// read (the write is in another file). A write the lambda may skip leaves both unsure: neither is reported.
    /// </summary>
    internal sealed partial class ModelUses
    {
        private const int MaxWrittenDepth = 8;

        /// <summary>The options-lambda writes of the property <paramref name="value"/> reads; null when none writes it.</summary>
        private static OptionsConfigureWrites.Writes? ConfigureWritesOf(IOperation value, CancellationToken cancellationToken) =>
            ModelIdValue.Unwrap(value) is IPropertyReferenceOperation read && value.SemanticModel?.Compilation is { } compilation
                ? OptionsConfigureWrites.For(compilation).Of(read.Property, cancellationToken)
                : null;

        /// <summary>Reports the ids an options lambda always writes to the settings property read at <paramref name="value"/>.</summary>
        private void CheckConfigureWrites(IOperation value, System.Action<Diagnostic> report, CancellationToken cancellationToken)
        {
            // Only a settings property of the project, whose key the settings files do not set: with the key set, which
            // of the binding and the lambda runs last depends on registration order, so the value is not sure.
            if (ModelIdValue.BoundSettingsProperty(value, cancellationToken) is not { } property
                || isConfigured(property.Name)
                || (symbols.ConfigurationKeyName(property) is { } boundKey && isConfigured(boundKey))
                || ConfigureWritesOf(value, cancellationToken) is not { Unsure: false } writes)
            {
                return;
            }

            var ids = new List<string>();
            foreach (var written in writes.Always)
            {
                CollectWrittenIds(written, ids, 0, cancellationToken);
            }

            foreach (var id in ids)
            {
                if (table.Find(id) is { } row && ModelIdDiagnostics.Create(row, id, value.Syntax.GetLocation(), table.CompiledOn) is { } diagnostic)
                {
                    report(diagnostic);
                }
            }
        }

        // The constant ids a written value can be, read like a slot's own value: each side of a `??` (the fallback unless
        // the settings files set the configuration key on its left) and each branch of a choice.
        private void CollectWrittenIds(IOperation written, List<string> ids, int depth, CancellationToken cancellationToken)
        {
            if (depth > MaxWrittenDepth)
            {
                return;
            }

            switch (ModelIdValue.Unwrap(written))
            {
                case ICoalesceOperation coalesce:
                    CollectWrittenIds(coalesce.Value, ids, depth + 1, cancellationToken);
                    if (!IsConfiguredKey(coalesce.Value))
                    {
                        CollectWrittenIds(coalesce.WhenNull, ids, depth + 1, cancellationToken);
                    }

                    return;
                case IConditionalOperation { WhenFalse: { } whenFalse } conditional when !conditional.ConstantValue.HasValue:
                    if (!IsConfiguredKeyRead(conditional.WhenTrue, cancellationToken) && !IsConfiguredKeyRead(whenFalse, cancellationToken))
                    {
                        CollectWrittenIds(conditional.WhenTrue, ids, depth + 1, cancellationToken);
                        CollectWrittenIds(whenFalse, ids, depth + 1, cancellationToken);
                    }

                    return;
            }

            if ((ModelIdValue.Fold(written, cancellationToken) ?? symbols.SdkModelEnumId(written)) is { } id && !ids.Contains(id))
            {
                ids.Add(id);
            }
        }
    }
}
