using Dashboard.Cli;

return await DashboardCli.Create().Parse(args).InvokeAsync();
