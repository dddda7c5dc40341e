import type { Me, SignUpBody } from '@kefu/schemas/api';
import { apiCall } from '../shared/http';

/** What the sign-up page asks the API; tests pass fakes. */
export interface SignUpApi {
  signUp(body: SignUpBody): Promise<Me>;
}

export const signUpApi: SignUpApi = {
  signUp: (body) => apiCall('POST', '/signup', body),
};
