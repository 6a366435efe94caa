using System.CommandLine;
using System.Globalization;
using Dashboard.Core.Persistence;
using Dashboard.Core.Recommendations.Serving;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Dashboard.Cli.Commands;

/// <summary>
/// <c>dashboard recommend CUSTOMER</c>: what the API would answer for a customer (by the shop's customer id), from the
/// same serving: the champion's ranking under the shop's rules, with reasons.
/// </summary>
public static class RecommendCommand
{
    public static Command Create()
    {
        var customer = new Argument<string>("customer") { Description = "The shop's customer id (as in imports and the API)." };
        var count = new Option<int>("--count") { Description = $"How many products, 1–{RecommendationServing.MaxCount}.", DefaultValueFactory = _ => 10 };
        var category = new Option<string?>("--category") { Description = "Only products of this category." };
        var diverse = new Option<bool>("--diverse") { Description = "At most three products per category." };
        var command = new Command("recommend", "Show a customer's recommendations as the API serves them, with the model that ranked them and a reason per product.")
        {
            customer, count, category, diverse,
        };
        command.SetAction((parse, ct) => CliHost.RunAsync(parse, async (services, json, token) =>
        {
            var wanted = parse.GetValue(count);
            if (wanted is < 1 or > RecommendationServing.MaxCount)
            {
                throw new ArgumentException($"--count must be between 1 and {RecommendationServing.MaxCount}.");
            }

            await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(token);
            var id = parse.GetValue(customer)!;
            var result = await services.GetRequiredService<RecommendationServing>()
                .ForExternalIdAsync(id, wanted, parse.GetValue(category), parse.GetValue(diverse), token);
            if (!result.Found)
            {
                await Console.Error.WriteLineAsync($"error: there is no customer '{id}' (or their data was erased).");
                return 1;
            }

            if (json)
            {
                CliHost.WriteJson(new { customerId = id, result.Items, modelVersion = result.ModelVersion, result.Family, fallback = result.Fallback is not null, fallbackReason = result.Fallback });
                return 0;
            }

            AnsiConsole.MarkupLine(Markup.Escape(result.ModelVersion is { } version
                ? string.Create(CultureInfo.InvariantCulture, $"{result.Family} model v{version}")
                : $"Best-sellers: {result.Fallback}"));
            var table = new Table().AddColumns("#", "SKU", "Product", "Category", "Score", "Why");
            table.Columns[0].RightAligned();
            table.Columns[4].RightAligned();
            foreach (var (item, rank) in result.Items.Select((item, i) => (item, i + 1)))
            {
                table.AddRow(rank.ToString(CultureInfo.InvariantCulture), Markup.Escape(item.Sku), Markup.Escape(item.Name), Markup.Escape(item.Category),
                    item.Score.ToString("0.####", CultureInfo.InvariantCulture), Markup.Escape(item.Reason));
            }

            AnsiConsole.Write(table);
            return 0;
        }, ct));
        return command;
    }
}
