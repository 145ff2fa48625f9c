using Microsoft.CodeAnalysis;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// <c>new ChatClient(Agents.Writer.Model, key)</c> with <c>static readonly AgentConfig Writer = new("writer",
    /// "gpt-3.5-turbo", ...)</c> of a positional record (<see cref="RecordConfigArguments"/>): the constructor argument is
    /// the id sent, reported where it is written, once however many slots read it (at the read when it is written in
    /// another file). Like a settings default, not linked to sampling settings.
    /// </summary>
    internal sealed partial class ModelUses
    {
        private void CheckRecordArguments(IOperation value, System.Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken)
        {
            if (value.SemanticModel?.Compilation is not { } compilation
                || RecordConfigArguments.Of(value, compilation, cancellationToken) is not { } arguments)
            {
                return;
            }

            foreach (var argument in arguments)
            {
                if (ModelIdValue.Fold(argument, cancellationToken) is { } id && table.Find(id) is { } row)
                {
                    ReportWhereWritten(row, id, argument.Syntax, value.Syntax, value.Syntax, report);
                }
            }
        }
    }
}
