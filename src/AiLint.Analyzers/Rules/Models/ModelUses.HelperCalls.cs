using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// The calls a member makes to the project's own helpers and interfaces: a constant id passed to a helper parameter
    /// that reaches a model slot, an interface default a call omits, and where such ids are reported.
    /// </summary>
    internal sealed partial class ModelUses
    {
        /// <summary>
        /// <c>AskAsync(client, "gpt-3.5-turbo-0613", question)</c>: a constant id passed to a project helper whose
        /// parameter reaches a model slot, or the model of raw request bodies it posts to a known provider's API (review88
        /// M1: <c>GetChatCompletionAsync("gpt-4o-mini", prompt)</c> posting <c>new { model = model, messages }</c> to
        /// api.openai.com), reported at the argument over the rows that count there (<see cref="HelperParameterSlots.SentTo"/>).
        /// Through an SDK slot, not in a project that also sends OpenAI-style requests to another server (the helper's
        /// client may be one of those); a raw body names its host itself. The omitted arguments of a call through the
        /// project's interface are read too (<see cref="CheckOmittedInterfaceArgument"/>).
        /// </summary>
        private void CheckHelperArguments(IInvocationOperation invocation, System.Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken)
        {
            Compilation? compilation = null;
            var candidate = true;
            foreach (var argument in invocation.Arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.DefaultValue)
                {
                    CheckOmittedInterfaceArgument(invocation, argument, report, cancellationToken);
                    continue;
                }

                if (!candidate
                    || argument.ArgumentKind != ArgumentKind.Explicit
                    || argument.Parameter is not { Type.SpecialType: SpecialType.System_String } parameter)
                {
                    continue;
                }

                // The method's test once, before any argument is folded: most calls given a string (logging, string and
                // framework methods) are not to a project helper, and folding a field or a local reads its declaring
                // syntax (docs/performance.md, "2026-12-06, session 32"). Later omitted arguments are still read.
                if (compilation == null)
                {
                    if (invocation.SemanticModel?.Compilation is not { } known || !HelperParameterSlots.IsCandidate(invocation.TargetMethod, known))
                    {
                        candidate = false;
                        continue;
                    }

                    compilation = known;
                }

                // Then the argument's ids (a constant, or what a helper returns there), cheapest test first.
                foreach (var id in symbols.HelperParameters.IdsPassed(argument.Value, parameter, table, symbols, rawHttp, compilation, cancellationToken, out var sentTo))
                {
                    var view = sentTo.Provider is { } provider ? table.OfProvider(provider) : table;
                    if (view.Find(id) is { } row
                        && !(sentTo.ViaSdk && symbols.ProjectRedirectsOpenAI(cancellationToken))
                        && (sentTo.ViaSdk || !invocation.Syntax.ContainsDiagnostics) // a half-typed call may bind to a helper it will not call
                        && ModelIdDiagnostics.Create(row, id, argument.Value.Syntax.GetLocation(), table.CompiledOn) is { } diagnostic)
                    {
                        report(diagnostic);
                    }
                }
            }
        }

        /// <summary>An omitted argument of a call through the project's interface: the interface's default is sent.</summary>
        private void CheckOmittedInterfaceArgument(IInvocationOperation invocation, IArgumentOperation argument, System.Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken)
        {
            if (invocation.TargetMethod.ContainingType?.TypeKind == TypeKind.Interface
                && argument.Parameter is { Type.SpecialType: SpecialType.System_String }
                && invocation.SemanticModel?.Compilation is { } known)
            {
                CheckOmittedInterfaceDefault(invocation, argument, known, report, cancellationToken);
            }
        }

        /// <summary>
        /// <c>ai.GenerateTextAsync(prompt)</c> through <c>IStoryAi</c>, whose member declares <c>string model =
        /// "gpt-3.5-turbo"</c> and whose only implementation in the project hands <c>model</c> to a model slot (review63,
        /// StoryGenerator): the call sends the interface's default (<see cref="ParameterDefaultModelIds.OmittedAtInterfaceCall"/>).
        /// Reported on the default value, once in the compilation, when the call is in the interface's file; a call in
        /// another file is reported at its argument list (a diagnostic stays in the file being analysed, as for a
        /// dictionary's values). A default no call omits is never reported: the calls decide. Not in a project that also
        /// sends OpenAI-style requests to another server, as for a constant passed to a helper. The implementation may also
        /// write the parameter as the model of a raw request body it posts to OpenAI's own host, directly or through one
        /// helper (<see cref="HelperParameterSlots.ReachesRawModelBody"/>, review68).
        /// </summary>
        private void CheckOmittedInterfaceDefault(IInvocationOperation invocation, IArgumentOperation argument, Compilation compilation, System.Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken)
        {
            if (ParameterDefaultModelIds.OmittedAtInterfaceCall(argument, compilation, cancellationToken) is not { } parameterDefault
                || table.Find(parameterDefault.Id) is not { } row
                || !(symbols.HelperParameters.ReachesModelSlot(parameterDefault.Parameter, symbols, compilation, cancellationToken)
                    || (rawHttp != null && symbols.HelperParameters.ReachesRawModelBody(parameterDefault.Parameter, rawHttp, compilation, cancellationToken)))
                || symbols.ProjectRedirectsOpenAI(cancellationToken))
            {
                return;
            }

            ReportWhereWritten(row, parameterDefault.Id, parameterDefault.Value, invocation.Syntax, invocation.Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax call ? call.ArgumentList : invocation.Syntax, report);
        }

        /// <summary>
        /// Reports <paramref name="id"/> where it is <paramref name="written"/> (a default, an entry, an attribute's
        /// argument: where the fix goes), once however many uses read it, when that is in the file of the use
        /// <paramref name="use"/>; otherwise at <paramref name="useSite"/>, since a diagnostic stays in the file being analysed.
        /// </summary>
        private void ReportWhereWritten(ModelRow row, string id, SyntaxNode written, SyntaxNode use, SyntaxNode useSite, System.Action<Diagnostic> report)
        {
            var sameFile = written.SyntaxTree == use.SyntaxTree;
            var location = sameFile ? written.GetLocation() : useSite.GetLocation();
            if ((!sameFile || symbols.ReportOnce(location))
                && ModelIdDiagnostics.Create(row, id, location, table.CompiledOn) is { } diagnostic)
            {
                report(diagnostic);
            }
        }
    }
}
