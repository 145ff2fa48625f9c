using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// Values a model slot reads from elsewhere, reported where they are written: a local's initializer, a constructor-
    /// assigned field, a parameter default, a dictionary's values.
    /// </summary>
    internal sealed partial class ModelUses
    {
        /// <summary>
        /// <c>var model = config["OpenAI:Model"] ?? "gpt-4o"; new ChatClient(model, key)</c>: a local that nothing writes
        /// again holds its initializer's value, so the initializer is checked as if it were written at the slot (each
        /// branch of a fallback, a configuration default, a settings default). Reported where the id is written, once
        /// per local however many slots read it; like any fallback, not linked to sampling settings.
        /// </summary>
        private void CheckLocalInitializer(IOperation value, System.Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken)
        {
            if (ModelIdValue.Unwrap(value) is not ILocalReferenceOperation { Local: { Type.SpecialType: SpecialType.System_String } local }
                || value.SemanticModel is not { } semanticModel
                || ModelIdValue.NeverReassignedInitializer(local, cancellationToken) is not { } initializer
                || !(FollowedLocals ??= new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default)).Add(local)
                || semanticModel.GetOperation(initializer, cancellationToken) is not { } initialValue)
            {
                return;
            }

            CheckModelId(initialValue, report, cancellationToken);
        }

        /// <summary>
        /// <c>_model = options.Model ?? "gpt-4o";</c> in the constructor, then <c>client.GetChatClient(_model)</c>: a field every
        /// constructor assigns once, unconditionally, and nothing else writes (<see cref="ConstructorFieldValues"/>) holds
        /// that value wherever the type reads it, so the value is checked as a local's initializer is (each branch of a
        /// fallback or a choice, a settings default). Each constructor's value is checked: each is the id some instance
        /// sends. Reported where the id is written, once in the compilation however many slots, members or raw bodies
        /// read the field. A constructor parameter stored as it is (<c>_model = model;</c>) in a <c>readonly</c> field gives
        /// its default (<see cref="CheckParameterDefault"/>), also decided at the constructor for SDK slots
        /// (<see cref="CheckStoredParameterDefault"/>; one diagnostic either way).
        /// </summary>
        private void CheckConstructorField(IOperation value, System.Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken)
        {
            if (ModelIdValue.Unwrap(value) is not IFieldReferenceOperation { Field: { IsStatic: false, Type.SpecialType: SpecialType.System_String } field } read
                || value.SemanticModel is not { } semanticModel
                || !(FollowedFields ??= new HashSet<IFieldSymbol>(SymbolEqualityComparer.Default)).Add(field))
            {
                return;
            }

            System.Action<Diagnostic>? once = null;
            foreach (var written in ConstructorFieldValues.Of(read, cancellationToken))
            {
                if (semanticModel.GetOperation(written, cancellationToken) is not { } assigned)
                {
                    continue;
                }

                once ??= diagnostic =>
                {
                    if (symbols.ReportOnce(diagnostic.Location))
                    {
                        report(diagnostic);
                    }
                };
                if (ModelIdValue.Unwrap(assigned) is IParameterReferenceOperation)
                {
                    // `_model = model;` into a readonly field: the parameter's default, for a raw body's read too (review81 M-1).
                    if (field.IsReadOnly)
                    {
                        CheckParameterDefault(assigned, once, cancellationToken);
                    }

                    continue;
                }

                CheckModelId(assigned, once, cancellationToken);
            }
        }

        /// <summary>
        /// <c>AskAsync(string prompt, string model = "gpt-3.5-turbo")</c> with <c>GetChatClient(model)</c> in its body:
        /// reported on the default value, once per parameter however many slots read it. Callers may pass another id,
        /// so, like a settings default, it is not linked to sampling settings.
        /// </summary>
        private void CheckParameterDefault(IOperation value, System.Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken)
        {
            if (ParameterDefaultModelIds.Find(value, cancellationToken) is { } parameterDefault
                && (ReportedDefaults ??= new HashSet<IParameterSymbol>(SymbolEqualityComparer.Default)).Add(parameterDefault.Parameter)
                && table.Find(parameterDefault.Id) is { } row
                && ModelIdDiagnostics.Create(row, parameterDefault.Id, parameterDefault.Value.GetLocation(), table.CompiledOn) is { } diagnostic)
            {
                report(diagnostic);
            }
        }

        /// <summary>
        /// <c>GetChatClient(Models[feature])</c> with a fixed feature-to-model dictionary (<see cref="ModelDictionaries"/>):
        /// each constant value it may give, like the arms of a switch; not linked to sampling settings. Reported on the
        /// value when the dictionary is written in the same file as the read (once however many reads), else at the read.
        /// </summary>
        private void CheckDictionaryValues(IOperation value, System.Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken)
        {
            var unwrapped = ModelIdValue.Unwrap(value);
            if (unwrapped.Kind is not (OperationKind.PropertyReference or OperationKind.LocalReference))
            {
                return;
            }

            foreach (var entry in ModelDictionaries.ValuesRead(unwrapped, cancellationToken))
            {
                if ((ModelIdValue.Fold(entry, cancellationToken) ?? symbols.SdkModelEnumId(entry)) is not { } id || table.Find(id) is not { } row)
                {
                    continue;
                }

                ReportWhereWritten(row, id, entry.Syntax, value.Syntax, value.Syntax, report);
            }
        }

        /// <summary>A constructor parameter's default stored in a readonly field that a model slot reads (see <see cref="ParameterDefaultModelIds.StoredInField"/>).</summary>
        private void CheckStoredParameterDefault(ISimpleAssignmentOperation assignment, System.Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken)
        {
            // Cheap tests first: most field assignments store no string parameter.
            if (assignment.Value is not IParameterReferenceOperation { Parameter.HasExplicitDefaultValue: true }
                || ParameterDefaultModelIds.StoredInField(assignment, cancellationToken) is not { } parameterDefault
                || !(ReportedDefaults ??= new HashSet<IParameterSymbol>(SymbolEqualityComparer.Default)).Add(parameterDefault.Parameter)
                || table.Find(parameterDefault.Id) is not { } row
                || !symbols.ReportOnce(parameterDefault.Value.GetLocation())) // the reads of the field report it too (CheckConstructorField)
            {
                return;
            }

            if (ModelIdDiagnostics.Create(row, parameterDefault.Id, parameterDefault.Value.GetLocation(), table.CompiledOn) is { } diagnostic)
            {
                report(diagnostic);
            }
        }
    }
}
