/* out-statement-json.c - `docket statement --json`: every line and total
 * of the statement, money as strings; deductions positive, the net the
 * only signed figure (see docket-statement(1)). */
#include "docket/out.h"
#include "docket/settle.h"

void
statement_json(FILE *f, const struct statement *st)
{
	struct json j;

	json_init(&j, f);
	json_obj(&j, NULL);
	json_str(&j, "case", st->id);
	json_str(&j, "client", st->client);
	json_date(&j, "settled", st->settled);
	json_money(&j, "gross", st->gross);
	json_obj(&j, "fee");
	json_str(&j, "rate", st->rate->text);
	json_str(&j, "basis", st->net_basis ? "net" : "gross");
	json_money(&j, "amount", st->fee);
	json_end_obj(&j);
	json_arr(&j, "recoveries");
	for (size_t i = 0; i < st->nrec; i++) {
		json_obj(&j, NULL);
		json_str(&j, "policy", st->rec[i].policy);
		json_money(&j, "amount", st->rec[i].amount);
		json_end_obj(&j);
	}
	json_end_arr(&j);
	json_arr(&j, "costs");
	for (size_t i = 0; i < st->ncost; i++) {
		json_obj(&j, NULL);
		json_date(&j, "date", st->cost[i].date);
		json_str(&j, "what", st->cost[i].what);
		json_money(&j, "amount", st->cost[i].amount);
		json_end_obj(&j);
	}
	json_end_arr(&j);
	json_money(&j, "costs_total", st->costs_total);
	json_arr(&j, "liens");
	for (size_t i = 0; i < st->nlien; i++) {
		const struct st_lien *l = &st->lien[i];

		json_obj(&j, NULL);
		json_str(&j, "name", l->name);
		json_str(&j, "holder", l->holder);
		json_money(&j, "asserted", l->asserted);
		json_money(&j, "final", l->final);
		json_money(&j, "amount", l->amount);
		json_end_obj(&j);
	}
	json_end_arr(&j);
	json_money(&j, "liens_total", st->liens_total);
	json_arr(&j, "medical");
	for (size_t i = 0; i < st->nmed; i++) {
		json_obj(&j, NULL);
		json_str(&j, "provider", st->med[i].provider);
		json_money(&j, "amount", st->med[i].amount);
		json_end_obj(&j);
	}
	json_end_arr(&j);
	json_money(&j, "medical_total", st->medical_total);
	json_money(&j, "net", st->net);
	json_bool(&j, "final", st->final);
	json_end_obj(&j);
	json_finish(&j);
}
